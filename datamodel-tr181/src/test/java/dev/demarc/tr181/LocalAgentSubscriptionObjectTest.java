package dev.demarc.tr181;

import static dev.demarc.tr181.ModelFixture.addOne;
import static dev.demarc.tr181.ModelFixture.deleteOne;
import static dev.demarc.tr181.ModelFixture.lines;
import static dev.demarc.tr181.ModelFixture.outcome;
import static dev.demarc.tr181.ModelFixture.read;
import static dev.demarc.tr181.ModelFixture.setOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.schema.ObjectDef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code Device.LocalAgent.Subscription.{i}.}: the controllers' subscriptions, as TR-181 defines them. */
class LocalAgentSubscriptionObjectTest {

    private static final String C1 = "Device.LocalAgent.Controller.1";
    private static final String C2 = "Device.LocalAgent.Controller.2";

    private final ModelFixture fixture = new ModelFixture();

    /** Two controllers; subscription 1 is controller 1's "boot", subscription 2 controller 1's "wifi". */
    private DataModel twoSubscriptionsOfOneController() {
        return fixture.open(lines(
                C1 + ".EndpointID", "proto::c1",
                C2 + ".EndpointID", "proto::c2",
                "Device.LocalAgent.Subscription.1.Recipient", C1,
                "Device.LocalAgent.Subscription.1.ID", "boot",
                "Device.LocalAgent.Subscription.2.Recipient", C1,
                "Device.LocalAgent.Subscription.2.ID", "wifi"));
    }

    @Test
    void the_table_is_creatable_and_unique_by_recipient_and_id() {
        ObjectDef subscription = Tr181Model.schema().object(LocalAgentSubscriptionObject.PATH).orElseThrow();
        assertTrue(subscription.creatable());
        assertEquals(List.of(List.of("Alias"), List.of("Recipient", "ID")), subscription.uniqueKeys());
    }

    @Test
    void a_new_subscription_has_the_standard_defaults() {
        DataModel model = fixture.open(List.of());
        String s = addOne(model, "Device.LocalAgent.Subscription.",
                Map.of("ID", "s1", "NotifType", "ValueChange", "ReferenceList", "Device.DeviceInfo.SoftwareVersion")).value();
        assertEquals("1", read(model, "Device.LocalAgent.SubscriptionNumberOfEntries"));
        assertEquals("cpe-1", read(model, s + "Alias"));
        assertEquals("false", read(model, s + "Enable"));
        assertEquals("", read(model, s + "Recipient"), "the agent, not the controller, writes the recipient");
        assertEquals("false", read(model, s + "Persistent"));
        assertEquals("0", read(model, s + "TimeToLive"));
        assertEquals("false", read(model, s + "NotifRetry"));
        assertEquals("0", read(model, s + "NotifExpiration"));
        assertEquals("Notify", read(model, s + "TriggerAction"));
        assertEquals("", read(model, s + "TriggerConfigSettings"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Device.LocalAgent.Subscription.2.Enable=false | ok",
        "'Device.LocalAgent.Controller.1.ProvisioningCode=\"abc\"' | ok",
        "'Device.LocalAgent.Subscription.2.Enable=false,Device.LocalAgent.Controller.1.PeriodicNotifInterval=600' | ok",
        "Device.LocalAgent.Controller.9.Enable=true | ok",
        "'' | ok",
        "Device.LocalAgent.Subscription.2.Enable | 7012",
        "=false | 7012",
        "Device.LocalAgent.Subscription.2.Enabled=false | 7012",
        "Device.LocalAgent.Subscription.2.Enable=maybe | 7012",
        "Device.LocalAgent.Subscription.2.Recipient=x | 7012",
        "Device.LocalAgent.Subscription.*.Enable=false | 7012",
        "'Device.LocalAgent.Subscription.[ID==\"wifi\"].Enable=false' | 7012",
        "Device.LocalAgent.Subscription.2. = x | 7012",
    })
    void trigger_config_settings_are_checked_against_the_data_model_when_written(String value, String expected) {
        DataModel model = twoSubscriptionsOfOneController();
        assertEquals(expected, outcome(setOne(model, "Device.LocalAgent.Subscription.1.TriggerConfigSettings", value)));
        assertEquals(expected, outcome(addOne(model, "Device.LocalAgent.Subscription.",
                Map.of("ID", "new", "TriggerAction", "Config", "TriggerConfigSettings", value))), "an Add too");
    }

    @Test
    void a_refused_trigger_config_setting_names_the_item_and_changes_nothing() {
        DataModel model = twoSubscriptionsOfOneController();
        String path = "Device.LocalAgent.Subscription.1.TriggerConfigSettings";
        assertEquals("ok", outcome(setOne(model, path, "Device.LocalAgent.Subscription.2.Enable=true")));
        DmError e = setOne(model, path, "Device.LocalAgent.Subscription.2.Enable=false,Device.DeviceInfo.UpTime=5")
                .orElseThrow();
        assertEquals(ErrorCode.INVALID_VALUE, e.code());
        assertEquals(path, e.path());
        assertEquals("TriggerConfigSettings item 2 (Device.DeviceInfo.UpTime=5): Device.DeviceInfo.UpTime is read-only",
                e.message());
        assertEquals("Device.LocalAgent.Subscription.2.Enable=true", read(model, path));
    }

    @Test
    void trigger_config_settings_hold_at_most_16_items() {
        DataModel model = twoSubscriptionsOfOneController();
        String item = "Device.LocalAgent.Subscription.2.Enable=false";
        String path = "Device.LocalAgent.Subscription.1.TriggerConfigSettings";
        assertEquals("ok", outcome(setOne(model, path, String.join(",", java.util.Collections.nCopies(16, item)))));
        assertEquals("7012", outcome(setOne(model, path, String.join(",", java.util.Collections.nCopies(17, item)))));
    }

    @Test
    void a_controller_cannot_write_the_recipient_7013() {
        DataModel model = twoSubscriptionsOfOneController();
        assertEquals("7013", outcome(setOne(model, "Device.LocalAgent.Subscription.1.Recipient", C2)));
        assertEquals("7013", outcome(addOne(model, "Device.LocalAgent.Subscription.",
                Map.of("ID", "s9", "Recipient", C2))));
    }

    @Test
    void one_recipient_cannot_use_an_id_twice_7025() {
        DataModel model = twoSubscriptionsOfOneController();
        assertEquals(ErrorCode.DUPLICATE_UNIQUE_KEY,
                setOne(model, "Device.LocalAgent.Subscription.2.ID", "boot").orElseThrow().code());
        assertEquals("wifi", read(model, "Device.LocalAgent.Subscription.2.ID"), "nothing changed");
    }

    @Test
    void two_recipients_may_use_the_same_id() {
        List<Assignment> defaults = lines(
                C1 + ".EndpointID", "proto::c1",
                C2 + ".EndpointID", "proto::c2",
                "Device.LocalAgent.Subscription.1.Recipient", C1,
                "Device.LocalAgent.Subscription.1.ID", "boot",
                "Device.LocalAgent.Subscription.2.Recipient", C2,
                "Device.LocalAgent.Subscription.2.ID", "boot");
        DataModel model = fixture.open(defaults);
        assertEquals("2", read(model, "Device.LocalAgent.SubscriptionNumberOfEntries"));
        assertEquals(C2, read(model, "Device.LocalAgent.Subscription.[ID==\"boot\"&&Recipient==\"" + C2 + "\"].Recipient"));
    }

    @Test
    void subscriptions_persist_across_a_restart_and_may_be_deleted() {
        DataModel model = twoSubscriptionsOfOneController();
        assertEquals("ok", outcome(setOne(model, "Device.LocalAgent.Subscription.2.Persistent", "true")));
        assertEquals("ok", outcome(deleteOne(model, "Device.LocalAgent.Subscription.1.")));
        DataModel again = fixture.reopen();
        assertEquals("1", read(again, "Device.LocalAgent.SubscriptionNumberOfEntries"));
        assertEquals("true", read(again, "Device.LocalAgent.Subscription.2.Persistent"));
        assertEquals(C1, read(again, "Device.LocalAgent.Subscription.2.Recipient"));
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource({
        "Enable, true, ok",
        "Enable, yes, 7011",
        "ID, '', 7012",
        "ID, a, ok",
        "ID, 1234567890123456789012345678901234567890123456789012345678901234, ok",
        "ID, 12345678901234567890123456789012345678901234567890123456789012345, 7012",
        "NotifType, ValueChange, ok",
        "NotifType, ObjectCreation, ok",
        "NotifType, ObjectDeletion, ok",
        "NotifType, OperationComplete, ok",
        "NotifType, Event, ok",
        "NotifType, Periodic, 7012",
        "ReferenceList, 'Device.LocalAgent.Controller.*.Enable,Device.DeviceInfo.', ok",
        "ReferenceList, '', ok",
        "Persistent, true, ok",
        "TimeToLive, 3600, ok",
        "TimeToLive, -1, 7011",
        "NotifRetry, true, ok",
        "NotifExpiration, 4294967295, ok",
        "NotifExpiration, 4294967296, 7011",
        "CreationDate, 2025-01-01T00:00:00Z, 7013",
        "TriggerAction, Notify, ok",
        "TriggerAction, Config, ok",
        "TriggerAction, NotifyAndConfig, ok",
        "TriggerAction, Ignore, 7012",
        "Alias, other, 7013",
    })
    void subscription_parameters_have_the_standards_facets(String name, String value, String expected) {
        DataModel model = twoSubscriptionsOfOneController();
        assertEquals(expected, outcome(setOne(model, "Device.LocalAgent.Subscription.1." + name, value)));
    }

    @Test
    void a_reference_list_item_is_at_most_256_characters() {
        DataModel model = twoSubscriptionsOfOneController();
        String item = "Device." + "X".repeat(249);
        assertEquals(256, item.length());
        assertEquals("ok", outcome(setOne(model, "Device.LocalAgent.Subscription.1.ReferenceList", item + "," + item)));
        assertEquals("7012", outcome(setOne(model, "Device.LocalAgent.Subscription.1.ReferenceList", item + "X")));
    }
}
