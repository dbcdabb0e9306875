package dev.demarc.tr181;

import static dev.demarc.tr181.ModelFixture.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.Result;
import dev.demarc.core.defaults.Assignment;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.core.usp.UspRequestContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code RequestChallenge()} and {@code ChallengeResponse()}: roles earned, retries, lockouts, expiry. */
class ControllerTrustChallengesTest {

    private static final String TRUST = "Device.LocalAgent.ControllerTrust.";
    private static final String CHALLENGE = TRUST + "Challenge.1";
    private static final String FIRST = "Device.LocalAgent.Controller.1.";
    private static final String SECOND = "Device.LocalAgent.Controller.2.";

    private final ModelFixture fixture = new ModelFixture();
    private long now = 1_000_000_000L;
    private final ControllerTrustChallenges challenges = new ControllerTrustChallenges(() -> now);
    private final DataModel model;

    ControllerTrustChallengesTest() {
        List<Assignment> all = new ArrayList<>(Tr181Model.builtInDefaults());
        for (Assignment a : ModelFixture.lines(
                FIRST + "EndpointID", "proto::first",
                FIRST + "Enable", "true",
                FIRST + "AssignedRole", ControllerTrustObject.UNTRUSTED_ROLE,
                SECOND + "EndpointID", "proto::second",
                SECOND + "Enable", "true",
                SECOND + "AssignedRole", TRUST + "Role.3," + ControllerTrustObject.UNTRUSTED_ROLE,
                TRUST + "Role.3.Name", "Reader",
                CHALLENGE + ".Enable", "true",
                CHALLENGE + ".Description", "Administrator access",
                CHALLENGE + ".Role", ControllerTrustObject.FULL_ACCESS_ROLE + "," + TRUST + "Role.3.",
                CHALLENGE + ".Value", base64("letmein"),
                CHALLENGE + ".Instruction", base64("Enter the passphrase on the label under the device"),
                CHALLENGE + ".Retries", "2",
                CHALLENGE + ".LockoutPeriod", "60",
                TRUST + "Challenge.2.Enable", "true",
                TRUST + "Challenge.2.Value", base64("other"),
                TRUST + "Challenge.3.Value", base64("disabled"))) {
            all.add(new Assignment(a.path(), a.value(), all.size() + 1));
        }
        model = fixture.open(all);
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static UspCommand.Call call(String command, String controller, Map<String, String> input) {
        String endpointId = controller.equals(FIRST) ? "proto::first" : "proto::second";
        return new UspCommand.Call(TRUST + command, TRUST, "", input,
                new UspRequestContext(endpointId, controller, new MtpAddress("WebSocket", endpointId, endpointId)));
    }

    private Result<Map<String, String>> request(String controller, String challenge, String... expiration) {
        return challenges.requestChallenge(model, call("RequestChallenge()", controller, expiration.length == 0
                ? Map.of("ChallengeRef", challenge) : Map.of("ChallengeRef", challenge, "RequestExpiration", expiration[0])));
    }

    private Result<Map<String, String>> respond(String controller, String id, String passphrase) {
        return challenges.challengeResponse(model, call("ChallengeResponse()", controller,
                Map.of("ChallengeID", id, "Value", base64(passphrase))));
    }

    private static String id(Result<Map<String, String>> requested) {
        assertTrue(requested.isOk(), () -> requested.error().toString());
        return requested.value().get("ChallengeID");
    }

    private static void assertError(int code, Result<?> r) {
        assertTrue(!r.isOk(), () -> "expected error " + code + ", got " + r.value());
        assertEquals(code, r.error().code().code(), r.error()::toString);
    }

    @Test
    void the_right_value_replaces_the_untrusted_role_with_the_challenges_roles() {
        Result<Map<String, String>> requested = request(FIRST, CHALLENGE);
        String id = id(requested);
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        assertEquals(base64("Enter the passphrase on the label under the device"), requested.value().get("Instruction"));
        assertEquals("text/plain", requested.value().get("InstructionType"));
        assertEquals("text/plain", requested.value().get("ValueType"));

        assertTrue(respond(FIRST, id, "letmein").isOk());
        assertEquals(ControllerTrustObject.FULL_ACCESS_ROLE + "," + TRUST + "Role.3", read(model, FIRST + "AssignedRole"));
        assertError(7004, respond(FIRST, id, "letmein"));
    }

    @Test
    void roles_are_appended_to_other_roles_without_duplicates() {
        assertTrue(respond(SECOND, id(request(SECOND, CHALLENGE + ".")), "letmein").isOk());
        assertEquals(TRUST + "Role.3," + ControllerTrustObject.FULL_ACCESS_ROLE, read(model, SECOND + "AssignedRole"));
    }

    @Test
    void failures_in_a_row_lock_the_challenge_for_every_controller_until_the_lockout_ends() {
        String id = id(request(FIRST, CHALLENGE));
        assertError(7002, respond(FIRST, id, "guess-1"));
        assertEquals(ControllerTrustObject.UNTRUSTED_ROLE, read(model, FIRST + "AssignedRole"));
        Result<Map<String, String>> locking = respond(FIRST, id, "guess-2");
        assertError(7002, locking);
        assertTrue(locking.error().message().contains("locked for 60 s"), locking.error().message());

        assertError(7002, respond(FIRST, id, "letmein"));
        assertError(7002, request(SECOND, CHALLENGE));
        assertTrue(request(SECOND, TRUST + "Challenge.2").isOk(), "another challenge is not locked");

        now += TimeUnit.SECONDS.toNanos(61);
        assertTrue(respond(FIRST, id, "letmein").isOk(), "the lockout ended");
    }

    @Test
    void a_success_starts_the_count_of_failures_again() {
        String id = id(request(FIRST, CHALLENGE));
        assertError(7002, respond(FIRST, id, "guess-1"));
        assertTrue(respond(FIRST, id, "letmein").isOk());
        String again = id(request(SECOND, CHALLENGE));
        Result<Map<String, String>> wrong = respond(SECOND, again, "guess-2");
        assertError(7002, wrong);
        assertTrue(!wrong.error().message().contains("locked"), "one failure since the success: not locked");
    }

    @Test
    void an_id_of_another_controller_or_an_expired_one_is_not_recognized() {
        String first = id(request(FIRST, CHALLENGE, "10"));
        assertError(7004, respond(SECOND, first, "letmein"));
        now += TimeUnit.SECONDS.toNanos(11);
        assertError(7004, respond(FIRST, first, "letmein"));

        String forever = id(request(FIRST, CHALLENGE, "0"));
        now += TimeUnit.DAYS.toNanos(365);
        assertTrue(respond(FIRST, forever, "letmein").isOk(), "RequestExpiration 0 never expires");
    }

    @Test
    void one_challenge_outstanding_per_controller() {
        String first = id(request(FIRST, CHALLENGE));
        assertError(7002, request(FIRST, TRUST + "Challenge.2"));
        String again = id(request(FIRST, CHALLENGE));
        assertNotEquals(first, again, "asking again for the same one gives a new ID");
        assertError(7004, respond(FIRST, first, "letmein"));
        assertTrue(respond(FIRST, again, "letmein").isOk());
        assertTrue(request(FIRST, TRUST + "Challenge.2").isOk(), "answered: another may be asked for");
    }

    @Test
    void a_reference_to_no_enabled_challenge_is_an_invalid_value() {
        assertError(7012, request(FIRST, TRUST + "Challenge.9"));
        assertError(7012, request(FIRST, TRUST + "Challenge.3"));
        assertError(7012, request(FIRST, TRUST + "Role.1"));
        assertError(7012, request(FIRST, ""));
    }

    @Test
    void the_value_is_secured_and_a_challenge_disabled_meanwhile_is_refused() {
        assertEquals("", read(model, CHALLENGE + ".Value"));
        String id = id(request(FIRST, CHALLENGE));
        assertEquals("ok", ModelFixture.outcome(ModelFixture.setOne(model, CHALLENGE + ".Enable", "false")));
        assertError(7002, respond(FIRST, id, "letmein"));
        assertEquals(ControllerTrustObject.UNTRUSTED_ROLE, read(model, FIRST + "AssignedRole"));
    }
}
