package dev.demarc.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.store.InMemoryStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A table hands a Get its instances in order as one array, the same until an instance is added
 * or deleted (by a transaction, its undo, or a sync with the platform); an array handed out
 * never changes afterwards.
 */
class TableInstancesInOrderTest {

    private final DataModel model = TestModel.open(Bindings.builder(TestModel.SCHEMA).build(), new InMemoryStore(),
            true, List.of(), new TestModel.FakeClock());

    private String add(String name) {
        Transaction tx = model.begin();
        String path = tx.add("Device.Thing.", Map.of("Name", name)).value();
        assertTrue(tx.commit().isOk());
        return path;
    }

    /** Two instances added, "one" and "two", and their table. */
    private String one;
    private String two;
    private TableNode things;

    @BeforeEach
    void twoThings() {
        one = add("one");
        two = add("two");
        things = model.tableAt("Device.Thing.");
    }

    private List<String> thingsInAGet() {
        return model.get("Device.Thing.", 1).value().stream().map(ObjectValues::path).toList();
    }

    @Test
    void theSameArrayUntilAnInstanceIsAddedOrDeleted() {
        ObjectNode[] first = things.inOrder();
        assertSame(first, things.inOrder());
        assertEquals(List.of(one, two), thingsInAGet());
        assertSame(first, things.inOrder(), "a Get does not change it");

        String three = add("three");
        ObjectNode[] afterAdd = things.inOrder();
        assertNotSame(first, afterAdd);
        assertEquals(List.of(one, two, three), thingsInAGet());
        assertEquals(2, first.length, "the array handed out before is as it was");

        Transaction tx = model.begin();
        assertTrue(tx.delete(two).isEmpty());
        assertTrue(tx.commit().isOk());
        assertEquals(List.of(one, three), thingsInAGet());
        assertEquals(List.of(one, three), List.of(things.inOrder()).stream().map(n -> n.path).toList());
        assertEquals(3, afterAdd.length);
    }

    @Test
    void aTransactionUndoneGivesBackTheInstancesItTouched() {
        ObjectNode[] before = things.inOrder();

        Transaction tx = model.begin();
        assertTrue(tx.delete(one).isEmpty());
        assertTrue(tx.add("Device.Thing.", Map.of("Name", "three")).isOk());
        tx.rollback();

        assertEquals(List.of(one, two), thingsInAGet());
        assertArrayEquals(before, things.inOrder());
    }
}
