package dev.demarc.core.usp.notify;

import dev.demarc.core.Result;
import dev.demarc.core.acl.ControllerTrust;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ObjectValues;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What notifications need of one {@code Device.LocalAgent.Controller.{i}.} instance, read from
 * the data model by path; a parameter the data model lacks reads as its TR-181 default.
 *
 * @param path                  the instance path with its trailing dot
 * @param endpointId            {@code EndpointID}
 * @param enabled               {@code Enable}
 * @param retryMinimumWait      {@code USPNotifRetryMinimumWaitInterval}, seconds (default 5)
 * @param retryMultiplier       {@code USPNotifRetryIntervalMultiplier}, per mille (default 2000)
 * @param periodicInterval      {@code PeriodicNotifInterval}, seconds; 0 when the model lacks it
 * @param periodicTime          {@code PeriodicNotifTime}; empty when unknown
 * @param provisioningCode      {@code ProvisioningCode}
 * @param onBoardingComplete    {@code OnBoardingComplete}; empty when the model lacks it
 * @param onBoardingRestartTime {@code OnBoardingRestartTime}, seconds; 0 for never
 */
record ControllerInfo(String path, String endpointId, boolean enabled, long retryMinimumWait, long retryMultiplier,
                      long periodicInterval, Optional<Instant> periodicTime, String provisioningCode,
                      Optional<Boolean> onBoardingComplete, long onBoardingRestartTime) {

    ControllerInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(periodicTime, "periodicTime");
        Objects.requireNonNull(provisioningCode, "provisioningCode");
        Objects.requireNonNull(onBoardingComplete, "onBoardingComplete");
    }

    /** The controller at {@code path} ({@code Device.LocalAgent.Controller.1.}); empty when there is none. Owner thread. */
    static Optional<ControllerInfo> read(DataModel model, String path) {
        if (path.isEmpty() || !path.endsWith(".")) {
            return Optional.empty();
        }
        Result<List<ObjectValues>> got = model.get(path, 1);
        if (!got.isOk() || got.value().isEmpty() || !got.value().get(0).path().equals(path)) {
            return Optional.empty();
        }
        return Optional.of(from(path, got.value().get(0).parameters(), bannedRole(model)));
    }

    /** Every controller instance of the data model. Owner thread. */
    static List<ControllerInfo> all(DataModel model) {
        Result<List<ObjectValues>> got = model.get(model.schema().root().name() + ".LocalAgent.Controller.*.", 1);
        if (!got.isOk()) {
            return List.of();
        }
        String banned = bannedRole(model);
        return got.value().stream().map(o -> from(o.path(), o.parameters(), banned)).toList();
    }

    /** {@code ControllerTrust.BannedRole}; empty when not set or not in the data model. */
    private static String bannedRole(DataModel model) {
        Result<String> banned = model.read(model.schema().root().name() + ".LocalAgent.ControllerTrust.BannedRole");
        return banned.isOk() ? banned.value() : "";
    }

    /**
     * The controller at {@code path} from its parameter values {@code v}; one that holds
     * {@code bannedRole} in its {@code AssignedRole} is taken as disabled: nothing is sent to it.
     */
    static ControllerInfo from(String path, Map<String, String> v, String bannedRole) {
        long minWait = Subscription.seconds(v.getOrDefault("USPNotifRetryMinimumWaitInterval", "5"));
        long multiplier = Subscription.seconds(v.getOrDefault("USPNotifRetryIntervalMultiplier", "2000"));
        String complete = v.get("OnBoardingComplete");
        boolean enabled = Subscription.bool(v.get("Enable"))
                && !ControllerTrust.holdsBannedRole(v.get("AssignedRole"), bannedRole);
        return new ControllerInfo(path, v.getOrDefault("EndpointID", ""), enabled,
                minWait < 1 ? 5 : minWait, multiplier < 1000 ? 2000 : multiplier,
                Subscription.seconds(v.get("PeriodicNotifInterval")), Subscription.dateTime(v.get("PeriodicNotifTime")),
                v.getOrDefault("ProvisioningCode", ""),
                complete == null ? Optional.empty() : Optional.of(Subscription.bool(complete)),
                Subscription.seconds(v.get("OnBoardingRestartTime")));
    }

    /** The reference a subscription's {@code Recipient} holds: the path without its trailing dot. */
    String reference() {
        return path.substring(0, path.length() - 1);
    }
}
