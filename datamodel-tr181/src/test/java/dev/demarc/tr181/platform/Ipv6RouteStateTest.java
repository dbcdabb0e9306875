package dev.demarc.tr181.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Ipv6RouteStateTest {

    private static final List<Ipv6RouteState> ROUTES = List.of(
            route("::/0", "fe80::1", "eth0", 1024),
            route("::/0", "fe80::1", "eth0", 0),
            route("::/0", "fe80::1", "", 7),
            route("2001:db8::/64", "", "br-lan", 256),
            route("2001:db8::/64", "", "", 256),
            route("2001:db8::/64", "", "br-lan", 4_294_967_295L),
            route("fd00::/8", "fd00::fe", "wan6", 10),
            route("fd00::/8", "fd00::fe", "wan6", 1));

    private static Ipv6RouteState route(String destination, String nextHop, String interfaceKey, long metric) {
        return new Ipv6RouteState(destination, nextHop, interfaceKey, Ipv6RouteState.Origin.STATIC, metric,
                Optional.of(Instant.EPOCH));
    }

    /** Keys close to those of the routes: each route's own, cut short, made longer, a digit changed. */
    private static List<String> candidates() {
        List<String> keys = new ArrayList<>();
        for (Ipv6RouteState r : ROUTES) {
            String k = r.key();
            keys.add(k);
            keys.add(k.substring(0, k.length() - 1));
            keys.add(k + "0");
            keys.add(k + " ");
            keys.add(k.replace(" metric ", " metric 0"));
            keys.add(k.replace(" metric ", " metric -"));
            keys.add(k.substring(0, k.length() - 1) + (char) (k.charAt(k.length() - 1) + 1));
            keys.add(k.replace(" via ", " via  "));
            keys.add(k.replace(" dev ", " via "));
            keys.add(k.replace(" metric", ""));
            keys.add("x" + k);
            // the same length, one part changed
            keys.add(k.replace("fe80::1", "fe80::2").replace("fd00::fe", "fd00::ff"));
            keys.add(k.replace(" dev eth0", " dev eth1").replace(" dev wan6", " dev wan7"));
            keys.add(k.replace("2001:db8::/64", "2001:db9::/64").replace("::/0 ", ":1/0 "));
        }
        keys.add("");
        keys.add("::/0");
        keys.add("::/0 metric ");
        keys.add("::/0 via fe80::1 dev eth0 metric 99999999999999999999");
        return keys;
    }

    @Test
    void has_key_is_the_same_as_comparing_the_key() {
        for (Ipv6RouteState r : ROUTES) {
            for (String k : candidates()) {
                assertEquals(r.key().equals(k), r.hasKey(k), () -> r.key() + " against '" + k + "'");
            }
        }
    }

    @Test
    void a_wan_state_finds_each_route_by_its_key() {
        WanState state = new WanState(WanInterface.NONE, true, List.of(), List.of(), List.of(), ROUTES, true, List.of());
        for (Ipv6RouteState r : ROUTES) {
            assertSame(r, state.ipv6Route(r.key()).orElseThrow());
        }
        assertTrue(state.ipv6Route("::/0 via fe80::1 dev eth0 metric 10240").isEmpty());
        assertTrue(state.ipv6Route("").isEmpty());
    }
}
