package dev.demarc.core.usp.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code <Parameter Path>=<Value>} items of TriggerConfigSettings, checked against the schema. */
class TriggerConfigSettingsTest {

    private static List<TriggerConfigSettings.Setting> ok(String value) {
        Result<List<TriggerConfigSettings.Setting>> r = TriggerConfigSettings.parse(NotifyFixture.SCHEMA, value);
        assertEquals(true, r.isOk(), () -> r.error().message());
        return r.value();
    }

    private static String refused(String value) {
        Result<List<TriggerConfigSettings.Setting>> r = TriggerConfigSettings.parse(NotifyFixture.SCHEMA, value);
        assertEquals(ErrorCode.INVALID_VALUE, r.error().code());
        return r.error().message();
    }

    @Test
    void items_are_split_trimmed_and_a_quoted_value_loses_its_quotes() {
        assertEquals(List.of(), ok(""));
        assertEquals(List.of(new TriggerConfigSettings.Setting("Device.LocalAgent.Controller.2.ProvisioningCode", "a b"),
                new TriggerConfigSettings.Setting("Device.LocalAgent.Controller.1.Enable", "false"),
                new TriggerConfigSettings.Setting("Device.LocalAgent.Controller.1.ProvisioningCode", "")),
                ok("Device.LocalAgent.Controller.2.ProvisioningCode=\"a b\", Device.LocalAgent.Controller.1.Enable = false,"
                        + "Device.LocalAgent.Controller.1.ProvisioningCode="));
    }

    @Test
    void each_refusal_names_the_item_and_why() {
        assertEquals("item 1 (Device.LocalAgent.Controller.1.Enable): not of the form <Parameter Path>=<Parameter Value>",
                refused("Device.LocalAgent.Controller.1.Enable"));
        assertEquals("item 2 (Device.LocalAgent.Controller.1.Nope=1): this agent's data model has no parameter "
                + "Device.LocalAgent.Controller.{i}.Nope", refused("Device.LocalAgent.Controller.1.Enable=true,"
                + "Device.LocalAgent.Controller.1.Nope=1"));
        assertEquals("item 1 (Device.DeviceInfo.SerialNumber=x): Device.DeviceInfo.SerialNumber is read-only",
                refused("Device.DeviceInfo.SerialNumber=x"));
        assertEquals("item 1 (Device.LocalAgent.Controller.1.Enable=yes): bad value for Enable: "
                + dev.demarc.core.schema.ValueType.bool().check("yes").orElseThrow().message(), refused("Device.LocalAgent.Controller.1.Enable=yes"));
        assertEquals("item 1 (Device.LocalAgent.Controller.[Enable==true].Enable=false): the path must name one "
                + "parameter by instance numbers: no wildcard, search expression or reference following",
                refused("Device.LocalAgent.Controller.[Enable==true].Enable=false"));
        assertEquals("item 1 (Device.LocalAgent.Controller.1.=x): not the path of a parameter",
                refused("Device.LocalAgent.Controller.1.=x"));
    }
}
