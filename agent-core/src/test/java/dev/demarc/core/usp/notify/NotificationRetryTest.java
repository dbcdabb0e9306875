package dev.demarc.core.usp.notify;

import static dev.demarc.core.usp.notify.NotifyFixture.C1;
import static dev.demarc.core.usp.notify.NotifyFixture.C2;
import static dev.demarc.core.usp.notify.NotifyFixture.SUBS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.usp.proto.UspMsg;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Notification Retry (TR-369 R-NOT.1-R-NOT.4; TP-469 1.54, 1.56) and what survives a restart.
 * Time is the fixture's manual clock: each step moves it to the edge of a window.
 */
class NotificationRetryTest {

    private static final String CONTROLLER1 = "Device.LocalAgent.Controller.1.";

    private NotifyFixture usp = NotifyFixture.fresh();

    @AfterEach
    void close() {
        usp.close();
    }

    private String subscribe(String id, String... more) {
        String[] base = {"Enable", "true", "ID", id, "NotifType", "ValueChange",
                "ReferenceList", CONTROLLER1 + "ProvisioningCode", "NotifRetry", "true"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return usp.subscribe(C1, all);
    }

    private Set<String> storedNotifications() {
        return usp.notifyStore.snapshot().keySet().stream().filter(k -> k.startsWith("#notify:")).collect(Collectors.toSet());
    }

    @Test // TP-469 1.54
    void tp469_1_54_notify_is_retried_in_the_windows_of_the_controller_until_notify_resp() {
        subscribe("notify54");
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "TestValue54");
        NotifyFixture.Sent first = usp.nextNotifyMessage(C1);
        usp.advance(Duration.ofMillis(4999));
        assertEquals(0, usp.notifyCount(C1), "the first retry waits at least m = 5 s");
        usp.advance(Duration.ofMillis(5001));
        NotifyFixture.Sent retry1 = usp.nextNotifyMessage(C1);
        assertEquals(first.msg(), retry1.msg(), "a retry is the same message, Message ID included");
        assertEquals(0, usp.notifyCount(C1), "one retry in 5-10 s");
        usp.advance(Duration.ofSeconds(20));
        NotifyFixture.Sent retry2 = usp.nextNotifyMessage(C1);
        assertEquals(first.msg().getHeader().getMsgId(), retry2.msg().getHeader().getMsgId());
        usp.notifyResp(C1, retry2);
        usp.advance(Duration.ofHours(2));
        assertEquals(0, usp.notifyCount(C1), "answered: no more retries");
    }

    @Test // R-NOT.1 with the controller's own parameters
    void retry_follows_the_controllers_minimum_wait_and_multiplier() {
        usp.set(C1, CONTROLLER1, "USPNotifRetryMinimumWaitInterval", "30");
        usp.set(C1, CONTROLLER1, "USPNotifRetryIntervalMultiplier", "1000");
        subscribe("slow");
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "x");
        usp.nextNotifyMessage(C1);
        usp.advance(Duration.ofSeconds(29));
        assertEquals(0, usp.notifyCount(C1));
        usp.advance(Duration.ofSeconds(1));
        usp.nextNotifyMessage(C1);
        usp.advance(Duration.ofSeconds(30));
        usp.nextNotifyMessage(C1);
    }

    @Test // TP-469 1.56
    void tp469_1_56_retries_stop_when_notif_expiration_passes() {
        subscribe("notify56", "NotifExpiration", "20");
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "TestValue56");
        usp.nextNotifyMessage(C1);
        usp.advance(Duration.ofSeconds(10));
        usp.nextNotifyMessage(C1);
        usp.advance(Duration.ofSeconds(10));
        usp.clearInbox();
        usp.advance(Duration.ofMinutes(30));
        assertEquals(0, usp.notifyCount(C1), "nothing after 20 s");
        assertEquals(0, (int) usp.onModel(m -> usp.agent.notifications().pendingCount()), "and nothing kept");
    }

    @Test // a broker outage: the hand-over fails, the route comes back
    void a_notification_waiting_for_its_controller_expires_too() {
        subscribe("away", "NotifExpiration", "60");
        usp.routes.clear();
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "lost");
        usp.advance(Duration.ofSeconds(61));
        usp.routes.put(C1, NotifyFixture.address(C1));
        usp.connected(C1);
        assertEquals(0, usp.notifyCount(C1));
    }

    @Test
    void the_notifications_waiting_are_counted_per_controller() {
        subscribe("counted");
        usp.routes.clear();
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "one");
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "two");
        assertEquals(2, (int) usp.onModel(m -> usp.agent.notifications().pendingCount(CONTROLLER1)));
        assertEquals(2, (int) usp.onModel(m -> usp.agent.notifications().pendingCount("Device.LocalAgent.Controller.1")),
                "the trailing dot is optional");
        assertEquals(0, (int) usp.onModel(m -> usp.agent.notifications().pendingCount("Device.LocalAgent.Controller.2.")));
    }

    @Test // "persistent ones an agent restart, within NotifExpiration"; R-NOT.4
    void a_persistent_subscriptions_pending_notification_survives_a_restart() {
        subscribe("kept", "Persistent", "true", "NotifExpiration", "3600");
        subscribe("volatile");
        usp.routes.clear();
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "before-restart");
        assertEquals(1, storedNotifications().size(), "only the persistent subscription's notification is stored");
        usp = usp.restart(Duration.ofMinutes(10), BootCause.localReboot(), true);
        NotifyFixture.Sent back = usp.nextNotifyMessage(C1);
        UspMsg.Notify n = back.msg().getBody().getRequest().getNotify();
        assertEquals("kept", n.getSubscriptionId());
        assertEquals("before-restart", n.getValueChange().getParamValue());
        usp.advance(Duration.ofMillis(4999));
        assertEquals(0, usp.notifyCount(C1), "the retry count starts again at zero (R-NOT.4)");
        usp.notifyResp(C1, back);
        assertTrue(storedNotifications().isEmpty(), "answered: removed from the store");
        assertEquals(0, usp.notifyCount(C1), "the other subscription's notification did not survive");
    }

    @Test
    void a_stored_notification_expired_while_the_agent_was_down_is_dropped() {
        subscribe("kept", "Persistent", "true", "NotifExpiration", "60");
        usp.routes.clear();
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "stale");
        usp = usp.restart(Duration.ofMinutes(2), BootCause.localReboot(), true);
        assertEquals(0, usp.notifyCount(C1));
        assertTrue(storedNotifications().isEmpty());
    }

    @Test
    void a_stored_notification_that_cannot_be_read_is_dropped() throws Exception {
        usp.notifyStore.commit(java.util.Map.of("#notify:bad", java.util.Optional.of("1 garbage")));
        usp = usp.restart(Duration.ofSeconds(1), BootCause.localReboot(), true);
        assertTrue(storedNotifications().isEmpty());
        assertEquals(0, usp.notifyCount(C1));
    }

    @Test // TR-181 Persistent
    void subscriptions_that_are_not_persistent_are_deleted_at_a_restart() {
        String kept = subscribe("kept", "Persistent", "true");
        String dropped = subscribe("dropped");
        usp = usp.restart(Duration.ofSeconds(5), BootCause.localReboot(), true);
        usp.sync();
        Set<String> after = Set.copyOf(usp.instances(SUBS));
        assertTrue(after.contains(kept));
        assertFalse(after.contains(dropped));
    }

    @Test
    void notify_resp_from_another_controller_does_not_count() {
        subscribe("mine");
        usp.set(C1, CONTROLLER1, "ProvisioningCode", "x");
        NotifyFixture.Sent n = usp.nextNotifyMessage(C1);
        usp.notifyResp(C2, n);
        usp.advance(Duration.ofSeconds(10));
        usp.nextNotifyMessage(C1);
    }
}
