package dev.demarc.core.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.Result;
import dev.demarc.core.acl.SearchEvaluator.Match;
import dev.demarc.core.model.Bindings;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.path.PathName;
import dev.demarc.core.path.Segment;
import dev.demarc.core.schema.ObjectDef;
import dev.demarc.core.schema.ParameterDef;
import dev.demarc.core.schema.Schema;
import dev.demarc.core.schema.ValueType;
import dev.demarc.core.store.InMemoryStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Search-path targets ({@code Targets} "Search Path" of TR-181) evaluated against a real data model. */
class DataModelSearchEvaluatorTest {

    static final Schema SCHEMA = Schema.of(ObjectDef.single("Device")
            .object(ObjectDef.single("DeviceInfo")
                    .param(ParameterDef.readWrite("Description", ValueType.string().maxLength(64))))
            .tableWithCount(ObjectDef.table("Iface").creatable()
                    .param(ParameterDef.readWrite("Name", ValueType.string().maxLength(16)))
                    .param(ParameterDef.readWrite("Secret", ValueType.string().maxLength(16))))
            .buildRoot());

    DataModel model;

    @BeforeEach
    void open() {
        Result<DataModel> opened = DataModel.open(SCHEMA, Bindings.none(), new InMemoryStore(), true, List.of(), "test");
        assertTrue(opened.isOk(), () -> opened.error().toString());
        model = opened.value();
        Transaction tx = model.begin();
        assertEquals("Device.Iface.1.", tx.add("Device.Iface.", Map.of("Name", "wan")).value());
        assertEquals("Device.Iface.2.", tx.add("Device.Iface.", Map.of("Name", "lan")).value());
        assertTrue(tx.commit().isOk());
    }

    static Segment.Search search(String target) {
        PathName p = AccessPolicy.parseTarget(target).value();
        return (Segment.Search) p.segments().get(2);
    }

    @Test
    void an_instance_matches_when_the_engine_search_yields_it() {
        SearchEvaluator e = new DataModelSearchEvaluator(model);
        Segment.Search wan = search("Device.Iface.[Name==\"wan\"].");
        assertEquals(Match.YES, e.matches("Device.Iface.1.", wan));
        assertEquals(Match.NO, e.matches("Device.Iface.2.", wan));
        assertEquals(Match.NO, e.matches("Device.Iface.9.", wan));
    }

    @Test
    void a_search_the_model_refuses_is_unknown() {
        SearchEvaluator e = new DataModelSearchEvaluator(model);
        assertEquals(Match.UNKNOWN, e.matches("Device.Iface.1.", search("Device.Iface.[Nope==\"wan\"].")));
        assertEquals(Match.UNKNOWN, e.matches("Device.Iface.1", search("Device.Iface.[Name==\"wan\"].")));
    }

    @Test
    void a_role_hiding_the_wan_interface_hides_it_and_only_it() {
        AccessPolicy policy = AccessPolicy.of(List.of(new Role("NoWan", List.of(
                Permission.of(1, List.of("Device."), Grant.ALL),
                Permission.of(2, List.of("Device.Iface.[Name==\"wan\"]."), Grant.NONE)))));
        AccessPolicy now = policy.withSearchEvaluator(new DataModelSearchEvaluator(model));
        assertFalse(now.canReadParameter("Device.Iface.1.Secret"));
        assertFalse(now.canDeleteInstance("Device.Iface.1."));
        assertTrue(now.canReadParameter("Device.Iface.2.Secret"));
        assertTrue(now.canReadParameter("Device.DeviceInfo.Description"));

        Transaction tx = model.begin();
        assertTrue(tx.set("Device.Iface.1.Name", "lan1").isEmpty());
        assertTrue(tx.set("Device.Iface.2.Name", "wan").isEmpty());
        assertTrue(tx.commit().isOk());
        AccessPolicy later = policy.withSearchEvaluator(new DataModelSearchEvaluator(model));
        assertTrue(later.canReadParameter("Device.Iface.1.Secret"));
        assertFalse(later.canReadParameter("Device.Iface.2.Secret"));
    }
}
