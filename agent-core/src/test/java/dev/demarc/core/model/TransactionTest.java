package dev.demarc.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.store.InMemoryStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Writes: schema validation, instance numbering, unique keys, NumberOfEntries, atomicity. */
class TransactionTest {

    private final InMemoryStore store = new InMemoryStore();
    private final TestModel.FakeClock clock = new TestModel.FakeClock();
    private final DataModel model = TestModel.open(Bindings.none(), store, true, List.of(), clock);

    private String add(Map<String, String> params) {
        Transaction tx = model.begin();
        Result<String> added = tx.add("Device.Thing.", params);
        assertTrue(added.isOk(), () -> added.error().toString());
        Result<List<ModelEvent>> committed = tx.commit();
        assertTrue(committed.isOk(), () -> committed.error().toString());
        return added.value();
    }

    private Optional<DmError> setOne(String path, String value) {
        Transaction tx = model.begin();
        Optional<DmError> failed = tx.set(path, value);
        if (failed.isPresent()) {
            tx.rollback();
            return failed;
        }
        Result<List<ModelEvent>> committed = tx.commit();
        return committed.isOk() ? Optional.empty() : Optional.of(committed.error());
    }

    private String value(String path) {
        Result<String> r = model.read(path);
        assertTrue(r.isOk(), () -> r.error().toString());
        return r.value();
    }

    @Test
    void instance_numbers_increase_and_are_not_reused_after_delete() {
        assertEquals("Device.Thing.1.", add(Map.of("Name", "a")));
        assertEquals("Device.Thing.2.", add(Map.of("Name", "b")));
        Transaction tx = model.begin();
        assertEquals(Optional.empty(), tx.delete("Device.Thing.2."));
        assertTrue(tx.commit().isOk());
        assertEquals("Device.Thing.3.", add(Map.of("Name", "c")));
    }

    @Test
    void alias_is_generated_as_cpe_n_when_not_given_and_kept_when_given() {
        String first = add(Map.of("Name", "a"));
        String second = add(Map.of("Name", "b", "Alias", "mine"));
        assertEquals("cpe-1", value(first + "Alias"));
        assertEquals("mine", value(second + "Alias"));
    }

    @Test
    void a_generated_alias_never_takes_one_a_controller_chose() {
        add(Map.of("Name", "a", "Alias", "cpe-2"));
        String second = add(Map.of("Name", "b"));
        assertEquals("Device.Thing.2.", second);
        assertEquals("cpe-3", value(second + "Alias"));
    }

    @Test
    void defaults_apply_to_parameters_nobody_set() {
        String thing = add(Map.of("Name", "a"));
        assertEquals("80", value(thing + "Port"));
        assertEquals("false", value(thing + "Enable"));
        assertEquals("Auto", value(thing + "Mode"));
    }

    @Test
    void number_of_entries_follows_adds_and_deletes() {
        assertEquals("0", value("Device.ThingNumberOfEntries"));
        String thing = add(Map.of("Name", "a"));
        add(Map.of("Name", "b"));
        assertEquals("2", value("Device.ThingNumberOfEntries"));
        Transaction tx = model.begin();
        assertTrue(tx.add(thing + "Item.", Map.of("Key", "k")).isOk());
        assertTrue(tx.commit().isOk());
        assertEquals("1", value(thing + "ItemNumberOfEntries"));
        tx = model.begin();
        assertEquals(Optional.empty(), tx.delete("Device.Thing.[Name==\"b\"]."));
        assertTrue(tx.commit().isOk());
        assertEquals("1", value("Device.ThingNumberOfEntries"));
    }

    @ParameterizedTest(name = "{0} = \"{1}\" fails with {2}")
    @CsvSource(delimiter = '|', value = {
        "Port     | abc      | 7011",
        "Port     | 70000    | 7012",
        "Port     | 0        | 7012",
        "Port     | -1       | 7011",
        "Enable   | yes      | 7011",
        "Mode     | Turbo    | 7012",
        "Name     | 12345678901234567 | 7012",
        "Tags     | a,b,c,d,e | 7012",
        "Tags     | a,123456789 | 7012",
        "Alias    | other    | 7013",
        "ItemNumberOfEntries | 3 | 7013",
        "Missing  | 1        | 7010",
    })
    void a_bad_write_is_refused_with_the_right_error_and_nothing_changes(String parameter, String bad, int code) {
        String thing = add(Map.of("Name", "a"));
        Map<String, String> before = store.snapshot();
        Optional<DmError> failed = setOne(thing + parameter, bad);
        assertTrue(failed.isPresent(), "accepted " + bad);
        assertEquals(code, failed.get().code().code(), failed.get().toString());
        assertEquals(thing + parameter, failed.get().path());
        assertEquals(before, store.snapshot());
        assertEquals("80", value(thing + "Port"));
    }

    @Test
    void a_read_only_parameter_cannot_be_set() {
        Optional<DmError> failed = setOne("Device.Info.UpTime", "5");
        assertEquals(ErrorCode.PARAMETER_READ_ONLY, failed.orElseThrow().code());
    }

    @Test
    void values_are_stored_in_their_canonical_form() {
        String thing = add(Map.of("Name", "a"));
        assertEquals(Optional.empty(), setOne(thing + "Enable", "1"));
        assertEquals(Optional.empty(), setOne(thing + "Port", "+0443"));
        assertEquals("true", value(thing + "Enable"));
        assertEquals("443", value(thing + "Port"));
    }

    @Test
    void set_of_an_instance_that_does_not_exist_fails_with_7016() {
        assertEquals(ErrorCode.OBJECT_DOES_NOT_EXIST, setOne("Device.Thing.9.Port", "1").orElseThrow().code());
    }

    @Test
    void add_with_a_duplicate_unique_key_fails_with_7025_and_adds_nothing() {
        add(Map.of("Name", "a"));
        Map<String, String> before = store.snapshot();
        Transaction tx = model.begin();
        assertTrue(tx.add("Device.Thing.", Map.of("Name", "a")).isOk());
        Result<List<ModelEvent>> committed = tx.commit();
        assertEquals(ErrorCode.DUPLICATE_UNIQUE_KEY, committed.error().code());
        assertEquals("1", value("Device.ThingNumberOfEntries"));
        assertEquals(before, store.snapshot());
    }

    @Test
    void set_making_two_keys_equal_fails_with_7025() {
        add(Map.of("Name", "a"));
        String b = add(Map.of("Name", "b"));
        assertEquals(ErrorCode.DUPLICATE_UNIQUE_KEY, setOne(b + "Name", "a").orElseThrow().code());
        assertEquals("b", value(b + "Name"));
    }

    @Test
    void swapping_two_keys_in_one_transaction_is_allowed() {
        String a = add(Map.of("Name", "a"));
        String b = add(Map.of("Name", "b"));
        Transaction tx = model.begin();
        assertEquals(Optional.empty(), tx.set(a + "Name", "b"));
        assertEquals(Optional.empty(), tx.set(b + "Name", "a"));
        assertTrue(tx.commit().isOk());
        assertEquals("b", value(a + "Name"));
        assertEquals("a", value(b + "Name"));
    }

    @Test
    void unique_keys_an_add_leaves_out_are_given_by_the_agent_r_add_5() {
        String first = add(Map.of());
        String second = add(Map.of());
        assertEquals("cpe-1", value(first + "Name"));
        assertEquals("cpe-2", value(second + "Name"));
        Transaction tx = model.begin();
        String item1 = tx.add(first + "Item.", Map.of()).value();
        String item2 = tx.add(first + "Item.", Map.of()).value();
        assertTrue(tx.commit().isOk());
        assertEquals("cpe-1", value(item1 + "Key"));
        assertEquals("cpe-2", value(item2 + "Key"));
    }

    @Test
    void an_agent_transaction_may_write_read_only_parameters_a_controller_may_not() {
        Transaction tx = model.beginForAgent();
        assertEquals(Optional.empty(), tx.set("Device.Info.UpTime", "12"));
        assertTrue(tx.commit().isOk());
        assertEquals("12", value("Device.Info.UpTime"));
    }

    @Test
    void the_agent_reads_a_hidden_value_a_get_does_not_show() {
        assertEquals(Optional.empty(), setOne("Device.Info.Secret", "hunter2"));
        assertEquals("hunter2", model.readHidden("Device.Info.Secret").value());
        assertEquals("", value("Device.Info.Secret"));
        assertEquals(ErrorCode.INVALID_PATH, model.readHidden("Device.Info.Nope").error().code());
    }

    @Test
    void add_to_a_platform_table_fails_with_7019() {
        Transaction tx = model.begin();
        assertEquals(ErrorCode.OBJECT_NOT_CREATABLE, tx.add("Device.Iface.", Map.of()).error().code());
        tx.rollback();
    }

    @Test
    void add_to_an_object_that_is_not_a_table_fails_with_7018() {
        Transaction tx = model.begin();
        assertEquals(ErrorCode.NOT_A_TABLE, tx.add("Device.Info.", Map.of()).error().code());
        tx.rollback();
    }

    @Test
    void a_failed_operation_leaves_the_rest_of_the_transaction_in_place() {
        String a = add(Map.of("Name", "a"));
        Transaction tx = model.begin();
        assertEquals(Optional.empty(), tx.set(a + "Port", "8080"));
        assertTrue(tx.add("Device.Thing.", Map.of("Name", "x", "Port", "0")).error().code() == ErrorCode.INVALID_VALUE);
        assertTrue(tx.commit().isOk());
        assertEquals("8080", value(a + "Port"));
        assertEquals("1", value("Device.ThingNumberOfEntries"));
    }

    @Test
    void rollback_restores_values_instances_and_deletions() {
        String a = add(Map.of("Name", "a"));
        Map<String, String> before = store.snapshot();
        Transaction tx = model.begin();
        tx.set(a + "Port", "1");
        tx.add("Device.Thing.", Map.of("Name", "z"));
        tx.delete(a);
        tx.rollback();
        assertEquals("80", value(a + "Port"));
        assertEquals("1", value("Device.ThingNumberOfEntries"));
        assertEquals(before, store.snapshot());
    }

    @Test
    void a_failing_store_commit_changes_nothing() {
        String a = add(Map.of("Name", "a"));
        store.failNextCommit(new IOException("disk full"));
        Optional<DmError> failed = setOne(a + "Port", "99");
        assertEquals(ErrorCode.INTERNAL_ERROR, failed.orElseThrow().code());
        assertEquals("80", value(a + "Port"));
    }

    @Test
    void a_change_over_the_store_bounds_fails_with_7005_and_changes_nothing() {
        String a = add(Map.of("Name", "a"));
        store.failNextCommit(new dev.demarc.core.store.StoreLimitException("over 16 MiB"));
        assertEquals(ErrorCode.RESOURCES_EXCEEDED, setOne(a + "Port", "99").orElseThrow().code());
        assertEquals("80", value(a + "Port"));
    }

    @Test
    void hidden_parameters_read_back_empty_but_are_stored() {
        assertEquals(Optional.empty(), setOne("Device.Info.Secret", "hunter2"));
        assertEquals("", value("Device.Info.Secret"));
        assertEquals("hunter2", store.snapshot().get("Device.Info.Secret"));
    }

    @Test
    void listeners_hear_what_a_commit_changed() {
        List<ModelEvent> heard = new ArrayList<>();
        model.addListener(heard::addAll);
        String a = add(Map.of("Name", "a"));
        setOne(a + "Port", "81");
        setOne("Device.Info.Secret", "s");
        Transaction tx = model.begin();
        tx.delete(a);
        tx.commit();
        assertEquals(List.of(
                new ModelEvent.ObjectCreated(a, Map.of("Name", "a", "Alias", "cpe-1")),
                new ModelEvent.ValueChanged(a + "Port", "81"),
                new ModelEvent.ValueChanged("Device.Info.Secret", ""),
                new ModelEvent.ObjectDeleted(a)), heard);
    }

    @Test
    void setting_the_same_value_is_no_change() {
        String a = add(Map.of("Name", "a"));
        List<ModelEvent> heard = new ArrayList<>();
        model.addListener(heard::addAll);
        int commits = store.commitCount();
        assertEquals(Optional.empty(), setOne(a + "Port", "80"));
        assertEquals(List.of(), heard);
        assertEquals(commits, store.commitCount());
    }

    @Test
    void a_table_is_bounded_by_its_max_entries() {
        String thing = add(Map.of("Name", "a"));
        for (int i = 0; i < 3; i++) {
            Transaction tx = model.begin();
            assertTrue(tx.add(thing + "Item.", Map.of("Key", "k" + i)).isOk());
            assertTrue(tx.commit().isOk());
        }
        Transaction tx = model.begin();
        assertEquals(ErrorCode.RESOURCES_EXCEEDED, tx.add(thing + "Item.", Map.of("Key", "k9")).error().code());
        tx.rollback();
        assertEquals("3", value(thing + "ItemNumberOfEntries"));
    }
}
