package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.schema.EventDef;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import java.time.Duration;
import java.util.List;

/**
 * {@code Device.LocalAgent.} of TR-181 Device:2.19 (USP only): the agent's own identity, its MTPs
 * ({@link LocalAgentMtpObject}), its controllers ({@link LocalAgentControllerObject}), the
 * subscriptions ({@link LocalAgentSubscriptionObject}) and asynchronous requests
 * ({@link LocalAgentRequestObject}) it keeps, and controller trust ({@link ControllerTrustObject}).
 * Endpoint ID, version, up time and protocols come from {@link LocalAgentInfo}.
 *
 * <p>Not here yet: certificates ({@code Certificate.{i}.}, {@code AddCertificate()}), thresholds,
 * monitors, watchdogs, the other identity parameters ({@code SupportedFingerprintAlgorithms},
 * {@code AdvertisedDeviceSubtypes}, {@code MaxSubscriptionChangeAdoptionTime},
 * {@code SupportedThresholdOperator}, {@code SupportedNumberOfSubscriptions}) and the
 * {@code WakeUp!} and {@code TransferComplete!} events; they arrive with the code that serves them.
 * {@code Periodic!} is sent to each controller every {@code PeriodicNotifInterval}.
 */
public final class LocalAgentObject {

    public static final String PATH = "Device.LocalAgent.";

    public static final ParameterDef ENDPOINT_ID = ParameterDef.readOnly("EndpointID", ValueType.string());
    public static final ParameterDef SOFTWARE_VERSION =
            ParameterDef.readOnly("SoftwareVersion", ValueType.string().maxLength(64));
    /** Seconds since the agent started. */
    public static final ParameterDef UP_TIME = ParameterDef.readOnly("UpTime", ValueType.unsignedInt());
    public static final ParameterDef SUPPORTED_PROTOCOLS = ParameterDef.readOnly("SupportedProtocols",
            ValueType.listOf(ValueType.string().enumeration(LocalAgentInfo.PROTOCOLS.toArray(String[]::new)))
                    .minItems(1));

    private LocalAgentObject() {
    }

    static ObjectDef.Builder definition() {
        return ObjectDef.single("LocalAgent")
                .param(ENDPOINT_ID)
                .param(SOFTWARE_VERSION)
                .param(UP_TIME)
                .param(SUPPORTED_PROTOCOLS)
                .tableWithCount(LocalAgentMtpObject.definition())
                .tableWithCount(LocalAgentControllerObject.definition())
                .tableWithCount(LocalAgentSubscriptionObject.definition())
                .tableWithCount(LocalAgentRequestObject.definition())
                .object(ControllerTrustObject.definition())
                .event(new EventDef("Periodic", List.of()));
    }

    static void bind(Bindings.Builder bindings, LocalAgentInfo info) {
        bindings.parameter(PATH + ENDPOINT_ID.name(), o -> Result.ok(info.endpointId()), Duration.ZERO);
        bindings.parameter(PATH + SOFTWARE_VERSION.name(), o -> Result.ok(info.softwareVersion()), Duration.ZERO);
        bindings.parameter(PATH + UP_TIME.name(), PlatformValues.checked(UP_TIME,
                () -> PlatformValues.unsignedInt(info.upTimeSeconds().getAsLong())), Duration.ZERO);
        bindings.parameter(PATH + SUPPORTED_PROTOCOLS.name(), o -> info.supportedProtocols().isEmpty()
                ? Result.err(DmError.at(o.path() + SUPPORTED_PROTOCOLS.name(), ErrorCode.INTERNAL_ERROR,
                        "the agent has no message transfer protocol running"))
                : Result.ok(String.join(",", info.supportedProtocols())), Duration.ZERO);
    }
}
