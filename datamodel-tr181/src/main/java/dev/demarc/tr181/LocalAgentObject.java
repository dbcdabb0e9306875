package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.Change;
import dev.demarc.core.model.InstanceRef;
import dev.demarc.core.model.WriteHook;
import dev.demarc.core.schema.EventDef;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.ValueType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Device.LocalAgent.} of TR-181 Device:2.19 (USP only): the agent's own identity, its MTPs
 * ({@link LocalAgentMtpObject}), its controllers ({@link LocalAgentControllerObject}), the
 * subscriptions ({@link LocalAgentSubscriptionObject}) and asynchronous requests
 * ({@link LocalAgentRequestObject}) it keeps, and controller trust ({@link ControllerTrustObject}).
 * Endpoint ID, version, up time and protocols come from {@link LocalAgentInfo}.
 *
 * <p>{@code AdvertisedDeviceSubtypes} (which profile {@code MQTTAgent:1} requires) is stored
 * as configured, empty by default: the subtypes the agent would advertise in DNS-SD, which it does
 * not do yet, so the value changes nothing.
 *
 * <p>Not here yet: certificates ({@code Certificate.{i}.}, {@code AddCertificate()}), thresholds,
 * monitors, watchdogs, the other identity parameters ({@code SupportedFingerprintAlgorithms},
 * {@code MaxSubscriptionChangeAdoptionTime},
 * {@code SupportedThresholdOperator}, {@code SupportedNumberOfSubscriptions}) and the
 * {@code WakeUp!} and {@code TransferComplete!} events; they arrive with the code that serves them.
 * {@code Periodic!} is sent to each controller every {@code PeriodicNotifInterval}.
 *
 * <p>Vendor extension: {@code X_DEMARC_DEV_LogLevel}, the agent's log level ({@link LogLevelControl}:
 * {@code Error}, {@code Warn}, {@code Info}, {@code Debug}, {@code Trace}); a Set changes the level
 * of every logger of the running agent at once. It is not stored: the agent starts at the level it
 * is started with.
 */
public final class LocalAgentObject {

    public static final String PATH = "Device.LocalAgent.";

    public static final ParameterDef ENDPOINT_ID = ParameterDef.readOnly("EndpointID", ValueType.string());
    public static final ParameterDef SOFTWARE_VERSION =
            ParameterDef.readOnly("SoftwareVersion", ValueType.string().maxLength(64));
    /** Seconds since the agent started; changes every second, so never notified (TR-181 activeNotify canDeny). */
    public static final ParameterDef UP_TIME = ParameterDef.readOnly("UpTime", ValueType.unsignedInt()).ignoringValueChange();
    public static final ParameterDef SUPPORTED_PROTOCOLS = ParameterDef.readOnly("SupportedProtocols",
            ValueType.listOf(ValueType.string().enumeration(LocalAgentInfo.PROTOCOLS.toArray(String[]::new)))
                    .minItems(1));
    /**
     * {@code AdvertisedDeviceSubtypes}: TR-181's list of strings, each at most 63 characters here
     * (Demarc's bound: a DNS-SD subtype is one DNS label).
     */
    public static final ParameterDef ADVERTISED_DEVICE_SUBTYPES = ParameterDef.readWrite("AdvertisedDeviceSubtypes",
            ValueType.listOf(ValueType.string().maxLength(63)));
    /** The agent's log level (vendor extension). */
    public static final ParameterDef LOG_LEVEL = ParameterDef.readWrite(Tr181Model.VENDOR_PREFIX + "LogLevel",
            ValueType.string().enumeration(LogLevelControl.LEVELS.toArray(String[]::new)));

    private LocalAgentObject() {
    }

    static ObjectDef.Builder definition() {
        return ObjectDef.single("LocalAgent")
                .param(ENDPOINT_ID)
                .param(SOFTWARE_VERSION)
                .param(UP_TIME)
                .param(SUPPORTED_PROTOCOLS)
                .param(ADVERTISED_DEVICE_SUBTYPES)
                .param(LOG_LEVEL)
                .tableWithCount(LocalAgentMtpObject.definition())
                .tableWithCount(LocalAgentControllerObject.definition())
                .tableWithCount(LocalAgentSubscriptionObject.definition())
                .tableWithCount(LocalAgentRequestObject.definition())
                .object(ControllerTrustObject.definition())
                .event(new EventDef("Periodic", List.of()));
    }

    /**
     * Binds the agent's own parameters to what {@code agent} gives at the moment of each read, so
     * that the agent can fill them in after the data model is open (its Endpoint ID may depend on
     * values the factory defaults store) and change {@code SupportedProtocols} as its MTPs start
     * and stop. While {@code agent} gives {@code null} they read as an error (a value the factory
     * defaults stored for one of them is read instead, as for any parameter).
     */
    static void bind(Bindings.Builder bindings, Supplier<LocalAgentInfo> agent, LogLevelControl logLevel) {
        bindings.parameter(PATH + LOG_LEVEL.name(), o -> Result.ok(logLevel.level()), Duration.ZERO);
        bindings.hook(PATH, new WriteHook() {
            @Override
            public Optional<DmError> apply(Change change) {
                if (change instanceof Change.ValueSet set && set.parameter().equals(LOG_LEVEL.name())) {
                    return logLevel.setLevel(set.newValue())
                            .map(why -> DmError.at(set.path(), ErrorCode.REQUEST_DENIED, why));
                }
                return Optional.empty();
            }

            @Override
            public void revert(Change change) {
                if (change instanceof Change.ValueSet set && set.parameter().equals(LOG_LEVEL.name())) {
                    logLevel.setLevel(set.oldValue());
                }
            }
        });
        bindAgent(bindings, agent);
    }

    private static void bindAgent(Bindings.Builder bindings, Supplier<LocalAgentInfo> agent) {
        bindings.parameter(PATH + ENDPOINT_ID.name(),
                o -> known(agent, o, ENDPOINT_ID).map(LocalAgentInfo::endpointId), Duration.ZERO);
        bindings.parameter(PATH + SOFTWARE_VERSION.name(),
                o -> known(agent, o, SOFTWARE_VERSION).map(LocalAgentInfo::softwareVersion), Duration.ZERO);
        bindings.parameter(PATH + UP_TIME.name(), o -> known(agent, o, UP_TIME).flatMap(info ->
                PlatformValues.checked(UP_TIME, () -> PlatformValues.unsignedInt(info.upTimeSeconds().getAsLong()))
                        .read(o)), Duration.ZERO);
        bindings.parameter(PATH + SUPPORTED_PROTOCOLS.name(), o -> known(agent, o, SUPPORTED_PROTOCOLS).flatMap(
                info -> info.supportedProtocols().isEmpty()
                        ? Result.err(DmError.at(o.path() + SUPPORTED_PROTOCOLS.name(), ErrorCode.INTERNAL_ERROR,
                                "the agent has no message transfer protocol running"))
                        : Result.ok(String.join(",", info.supportedProtocols()))), Duration.ZERO);
    }

    private static Result<LocalAgentInfo> known(Supplier<LocalAgentInfo> agent, InstanceRef o, ParameterDef p) {
        LocalAgentInfo info = agent.get();
        return info != null ? Result.ok(info) : Result.err(DmError.at(o.path() + p.name(), ErrorCode.INTERNAL_ERROR,
                "the agent is still starting"));
    }
}
