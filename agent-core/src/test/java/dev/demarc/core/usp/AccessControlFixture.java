package dev.demarc.core.usp;

import dev.demarc.core.Result;
import dev.demarc.core.schema.ArgumentDef;
import dev.demarc.core.schema.CommandDef;
import dev.demarc.core.schema.DataTypes;
import dev.demarc.core.schema.EventDef;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.schema.ValueType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link UspFixture} whose data model has TR-181 {@code Device.LocalAgent.ControllerTrust.}
 * and the controllers' {@code AssignedRole} and {@code InheritedRole}, for the access-control
 * cases of TP-469 section 2:
 * <pre>
 * Device.
 *   DeviceInfo. FriendlyName (rw), SoftwareVersion, Password (rw, secured: hidden)
 *   LocalAgent. EndpointID
 *     Controller.{i}. keys [EndpointID] [Alias]: Alias, EndpointID, Enable, AssignedRole,
 *         InheritedRole (ro)
 *       BootParameter.{i}. keys [ParameterName] [Alias]: Alias, Enable, ParameterName
 *       SendOnBoardRequest()
 *     Subscription.{i}. keys [Alias] [Recipient, ID]: Alias, Enable, ID, Recipient, NotifType,
 *       ReferenceList
 *     ControllerTrust. UntrustedRole, SecuredRoles, BannedRole
 *       Role.{i}. keys [Name] [Alias]: Alias, Enable, Name
 *         Permission.{i}. keys [Order] [Alias]: Alias, Enable, Order, Targets, Param, Obj,
 *           InstantiatedObj, CommandEvent
 *   Reboot()
 *   Boot!(Cause)
 * </pre>
 * Controllers: 1 {@link #PRIMARY} with {@code Role.1} (full access as TR-181's defaults ship
 * it: {@code rw-n}, {@code r-xn} for commands), 2 disabled, 3 {@link #TESTER} with
 * {@code Role.3} (one permission {@code rwxn} on {@code Device.}, Order 1, which the tests add
 * to as TP-469 does), 4 {@link #NEWCOMER} with no role. {@code Role.2} is the
 * {@code UntrustedRole} and has no permission. Controllers 1 and 3 have one BootParameter each;
 * subscriptions 1 to 3 have IDs s1 to s3, Enable true/false/true.
 */
final class AccessControlFixture {

    static final String PRIMARY = UspFixture.CONTROLLER;
    static final String TESTER = "proto::controller-3";
    static final String NEWCOMER = "proto::controller-4";

    static final String TRUST = "Device.LocalAgent.ControllerTrust.";
    static final String FULL_ACCESS_ROLE = TRUST + "Role.1";
    static final String UNTRUSTED_ROLE = TRUST + "Role.2";
    static final String TESTER_ROLE = TRUST + "Role.3";
    /** The secured parameter and its value. */
    static final String PASSWORD = "Device.DeviceInfo.Password";
    static final String PASSWORD_VALUE = "pw-0451";

    private static final ValueType PERMISSION = ValueType.string().length(4, 4).pattern("[r-][w-][x-][n-]");
    private static final ValueType REFERENCES = ValueType.listOf(ValueType.string().maxLength(256));

    static final Schema SCHEMA = Schema.of(ObjectDef.single("Device")
            .object(ObjectDef.single("DeviceInfo")
                    .param(ParameterDef.readWrite("FriendlyName", ValueType.string().maxLength(64)))
                    .param(ParameterDef.readOnly("SoftwareVersion", ValueType.string().maxLength(64)).withDefault("2.1.0"))
                    .param(ParameterDef.readWrite("Password", ValueType.string().maxLength(64)).asHidden()))
            .object(ObjectDef.single("LocalAgent")
                    .param(ParameterDef.readOnly("EndpointID", ValueType.string().maxLength(256)))
                    .tableWithCount(ObjectDef.table("Controller").creatable().uniqueKey("EndpointID").uniqueKey("Alias")
                            .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                            .param(ParameterDef.readWrite("EndpointID", ValueType.string().maxLength(256)))
                            .param(ParameterDef.readWrite("Enable", ValueType.bool()).withDefault("false"))
                            .param(ParameterDef.readWrite("AssignedRole", REFERENCES))
                            .param(ParameterDef.readOnly("InheritedRole", REFERENCES))
                            .tableWithCount(ObjectDef.table("BootParameter").creatable()
                                    .uniqueKey("ParameterName").uniqueKey("Alias")
                                    .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                                    .param(ParameterDef.readWrite("Enable", ValueType.bool()).withDefault("false"))
                                    .param(ParameterDef.readWrite("ParameterName", ValueType.string().maxLength(256))))
                            .command(new CommandDef("SendOnBoardRequest", false, List.of(), List.of())))
                    .tableWithCount(ObjectDef.table("Subscription").creatable().uniqueKey("Alias").uniqueKey("Recipient", "ID")
                            .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                            .param(ParameterDef.readWrite("Enable", ValueType.bool()).withDefault("false"))
                            .param(ParameterDef.writeOnce("ID", ValueType.string().maxLength(64)))
                            .param(ParameterDef.readWrite("Recipient", ValueType.string().maxLength(256)))
                            .param(ParameterDef.readWrite("NotifType", ValueType.string().enumeration(
                                    "ValueChange", "ObjectCreation", "ObjectDeletion", "OperationComplete", "Event")))
                            .param(ParameterDef.readWrite("ReferenceList", REFERENCES)))
                    .object(ObjectDef.single("ControllerTrust")
                            .param(ParameterDef.readWrite("UntrustedRole", REFERENCES))
                            .param(ParameterDef.readWrite("SecuredRoles", REFERENCES))
                            .param(ParameterDef.readWrite("BannedRole", ValueType.string().maxLength(256)))
                            .tableWithCount(ObjectDef.table("Role").creatable().uniqueKey("Name").uniqueKey("Alias")
                                    .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                                    .param(ParameterDef.readWrite("Enable", ValueType.bool()).withDefault("false"))
                                    .param(ParameterDef.readWrite("Name", ValueType.string().maxLength(64)))
                                    .tableWithCount(ObjectDef.table("Permission").creatable().uniqueKey("Order").uniqueKey("Alias")
                                            .param(ParameterDef.writeOnce("Alias", DataTypes.ALIAS))
                                            .param(ParameterDef.readWrite("Enable", ValueType.bool()).withDefault("false"))
                                            .param(ParameterDef.readWrite("Order", ValueType.unsignedInt()).withDefault("0"))
                                            .param(ParameterDef.readWrite("Targets", REFERENCES))
                                            .param(ParameterDef.readWrite("Param", PERMISSION).withDefault("----"))
                                            .param(ParameterDef.readWrite("Obj", PERMISSION).withDefault("----"))
                                            .param(ParameterDef.readWrite("InstantiatedObj", PERMISSION).withDefault("----"))
                                            .param(ParameterDef.readWrite("CommandEvent", PERMISSION).withDefault("----"))))))
            .command(new CommandDef("Reboot", false, List.of(), List.of()))
            .event(new EventDef("Boot", List.of(ArgumentDef.optional("Cause", ValueType.string()))))
            .buildRoot());

    static final List<String> DEFAULTS = List.of(
            "Device.LocalAgent.EndpointID=" + UspFixture.AGENT,
            "Device.DeviceInfo.Password=" + PASSWORD_VALUE,
            "Device.LocalAgent.Controller.1.EndpointID=" + PRIMARY,
            "Device.LocalAgent.Controller.1.Enable=true",
            "Device.LocalAgent.Controller.1.AssignedRole=" + FULL_ACCESS_ROLE,
            "Device.LocalAgent.Controller.1.BootParameter.1.ParameterName=Device.DeviceInfo.SoftwareVersion",
            "Device.LocalAgent.Controller.1.BootParameter.1.Enable=true",
            "Device.LocalAgent.Controller.2.EndpointID=" + UspFixture.DISABLED_CONTROLLER,
            "Device.LocalAgent.Controller.2.Enable=false",
            "Device.LocalAgent.Controller.2.AssignedRole=" + FULL_ACCESS_ROLE,
            "Device.LocalAgent.Controller.3.EndpointID=" + TESTER,
            "Device.LocalAgent.Controller.3.Enable=true",
            "Device.LocalAgent.Controller.3.AssignedRole=" + TESTER_ROLE,
            "Device.LocalAgent.Controller.3.BootParameter.1.ParameterName=Device.LocalAgent.EndpointID",
            "Device.LocalAgent.Controller.3.BootParameter.1.Enable=true",
            "Device.LocalAgent.Controller.4.EndpointID=" + NEWCOMER,
            "Device.LocalAgent.Controller.4.Enable=true",
            "Device.LocalAgent.Subscription.1.ID=s1",
            "Device.LocalAgent.Subscription.1.Recipient=Device.LocalAgent.Controller.3",
            "Device.LocalAgent.Subscription.1.Enable=true",
            "Device.LocalAgent.Subscription.1.NotifType=ValueChange",
            "Device.LocalAgent.Subscription.1.ReferenceList=Device.DeviceInfo.FriendlyName",
            "Device.LocalAgent.Subscription.2.ID=s2",
            "Device.LocalAgent.Subscription.2.Recipient=Device.LocalAgent.Controller.3",
            "Device.LocalAgent.Subscription.2.Enable=false",
            "Device.LocalAgent.Subscription.3.ID=s3",
            "Device.LocalAgent.Subscription.3.Recipient=Device.LocalAgent.Controller.1",
            "Device.LocalAgent.Subscription.3.Enable=true",
            TRUST + "UntrustedRole=" + UNTRUSTED_ROLE,
            FULL_ACCESS_ROLE + ".Name=Full Access",
            FULL_ACCESS_ROLE + ".Enable=true",
            FULL_ACCESS_ROLE + ".Permission.1.Enable=true",
            FULL_ACCESS_ROLE + ".Permission.1.Order=1",
            FULL_ACCESS_ROLE + ".Permission.1.Targets=Device.",
            FULL_ACCESS_ROLE + ".Permission.1.Param=rw-n",
            FULL_ACCESS_ROLE + ".Permission.1.Obj=rw-n",
            FULL_ACCESS_ROLE + ".Permission.1.InstantiatedObj=rw-n",
            FULL_ACCESS_ROLE + ".Permission.1.CommandEvent=r-xn",
            UNTRUSTED_ROLE + ".Name=Untrusted",
            UNTRUSTED_ROLE + ".Enable=true",
            TESTER_ROLE + ".Name=Tester",
            TESTER_ROLE + ".Enable=true",
            TESTER_ROLE + ".Permission.1.Enable=true",
            TESTER_ROLE + ".Permission.1.Order=1",
            TESTER_ROLE + ".Permission.1.Targets=Device.",
            TESTER_ROLE + ".Permission.1.Param=rwxn",
            TESTER_ROLE + ".Permission.1.Obj=rwxn",
            TESTER_ROLE + ".Permission.1.InstantiatedObj=rwxn",
            TESTER_ROLE + ".Permission.1.CommandEvent=rwxn");

    private AccessControlFixture() {
    }

    /** The agent on this data model; each command run is added to {@code calls}. */
    static UspFixture start(CopyOnWriteArrayList<UspCommand.Call> calls) {
        UspCommand record = (model, call) -> {
            calls.add(call);
            return Result.ok(Map.of());
        };
        return new UspFixture(SCHEMA, DEFAULTS, UspAgent.Config.DEFAULT, UspCommands.builder()
                .register("Device.Reboot()", record)
                .register("Device.LocalAgent.Controller.{i}.SendOnBoardRequest()", record)
                .build());
    }
}
