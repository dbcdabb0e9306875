package dev.demarc.tr181;

import dev.demarc.core.DmError;
import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.acl.ControllerTrust;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.usp.UspCommand;
import dev.demarc.core.usp.UspCommands;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Device.LocalAgent.ControllerTrust.RequestChallenge()} and {@code ChallengeResponse()}
 * (TR-181 Device:2.19, TR-369 "Challenges"): a controller earns the roles of a
 * {@code ControllerTrust.Challenge.{i}.} by answering it, e.g. with a passphrase printed on the
 * device.
 *
 * <ul>
 *   <li>{@code RequestChallenge(ChallengeRef, RequestExpiration)} answers the challenge's
 *       {@code Instruction}, {@code InstructionType}, {@code ValueType} and a new random
 *       {@code ChallengeID}. A controller has at most one challenge outstanding: asking for the
 *       same one again replaces it, asking for another is refused (7002) until the first is
 *       answered or expires ({@code RequestExpiration} seconds, 900 by default, 0 never). A
 *       {@code ChallengeRef} that names no enabled challenge is 7012.</li>
 *   <li>{@code ChallengeResponse(ChallengeID, Value)}: an ID this controller was not given, or
 *       one that expired, is 7004 ("values it does not recognize"). A {@code Value} equal to the
 *       challenge's {@code Value} (compared as bytes, in constant time) appends the challenge's
 *       {@code Role}s to the controller's {@code AssignedRole}, replacing the
 *       {@code UntrustedRole} there (TR-369), and ends the challenge. Any other value is 7002
 *       and counts as a failure of that challenge, across all controllers: after
 *       {@code Retries} failures in a row (at least one) the challenge is locked for
 *       {@code LockoutPeriod} seconds, during which both commands on it are 7002 (R-SEC.16,
 *       R-SEC.17); a success, or the end of a lockout, starts the count again. A
 *       {@code LockoutPeriod} of 0 means no lockout, as TR-181 says.</li>
 * </ul>
 *
 * <p>What is outstanding, the failure counts and lockouts are kept in memory: a restart of the
 * agent ends every challenge (controllers ask again) and lifts lockouts. Owner thread only, as
 * every {@link UspCommand}.
 */
final class ControllerTrustChallenges {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerTrustChallenges.class);

    static final String REQUEST_CHALLENGE = ControllerTrustObject.PATH + "RequestChallenge()";
    static final String CHALLENGE_RESPONSE = ControllerTrustObject.PATH + "ChallengeResponse()";
    private static final String CHALLENGE_TABLE = ControllerTrustObject.PATH + "Challenge.";
    private static final Pattern CHALLENGE_INSTANCE = Pattern.compile(
            Pattern.quote(CHALLENGE_TABLE) + "[1-9][0-9]{0,9}\\.?");
    private static final String ASSIGNED_ROLE = "AssignedRole";
    private static final int ID_BYTES = 16;
    /** More controllers with a challenge outstanding than this: those no longer in the model are forgotten. */
    static final int MAX_OUTSTANDING = 64;

    /** A challenge given to a controller: which one, and until when (nanos; {@link Long#MAX_VALUE}: never expires). */
    private record Outstanding(String id, String challenge, long expiresAt) {
    }

    /** Failures in a row of one challenge, and the end of its lockout (nanos) when locked. */
    private record Failures(int count, long lockedUntil) {
    }

    private final LongSupplier nanoTime;
    private final SecureRandom random = new SecureRandom();
    /** By controller instance ({@code Device.LocalAgent.Controller.2.}). */
    private final Map<String, Outstanding> outstanding = new HashMap<>();
    /** By challenge instance ({@code Device.LocalAgent.ControllerTrust.Challenge.1.}). */
    private final Map<String, Failures> failures = new HashMap<>();

    ControllerTrustChallenges(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Registers both commands, sharing this state. */
    void register(UspCommands.Builder commands) {
        commands.register(REQUEST_CHALLENGE, this::requestChallenge);
        commands.register(CHALLENGE_RESPONSE, this::challengeResponse);
    }

    Result<Map<String, String>> requestChallenge(DataModel model, UspCommand.Call call) {
        forgetEnded();
        String ref = call.inputArgs().getOrDefault("ChallengeRef", "");
        if (!CHALLENGE_INSTANCE.matcher(ref).matches()) {
            return Result.err(DmError.of(ErrorCode.INVALID_VALUE, "ChallengeRef '" + shorten(ref) + "' is no "
                    + CHALLENGE_TABLE + "{i}"));
        }
        String challenge = ref.endsWith(".") ? ref : ref + ".";
        Result<String> enable = model.read(challenge + "Enable");
        if (!enable.isOk() || !"true".equals(enable.value())) {
            return Result.err(DmError.of(ErrorCode.INVALID_VALUE, "ChallengeRef " + challenge
                    + (enable.isOk() ? " is disabled" : " does not exist")));
        }
        Optional<DmError> locked = lockedOut(challenge);
        if (locked.isPresent()) {
            return Result.err(locked.get());
        }
        String controller = call.context().controllerPath();
        if (outstanding.size() >= MAX_OUTSTANDING && !outstanding.containsKey(controller)) {
            outstanding.keySet().removeIf(c -> !model.read(c + "EndpointID").isOk());
            if (outstanding.size() >= MAX_OUTSTANDING) {
                return Result.err(DmError.of(ErrorCode.REQUEST_DENIED, "too many challenges are outstanding; try later"));
            }
        }
        Outstanding earlier = outstanding.get(controller);
        if (earlier != null && !earlier.challenge.equals(challenge)) {
            return Result.err(DmError.of(ErrorCode.REQUEST_DENIED, "this controller has challenge " + earlier.challenge
                    + " outstanding: answer it, or wait until it expires, before asking for another"));
        }
        long seconds;
        try {
            seconds = Long.parseLong(call.inputArgs().getOrDefault("RequestExpiration", "900"));
        } catch (NumberFormatException e) {
            return Result.err(DmError.of(ErrorCode.INVALID_COMMAND_ARGUMENTS, "RequestExpiration is not a number"));
        }
        long expiresAt = seconds <= 0 ? Long.MAX_VALUE : nanoTime.getAsLong() + TimeUnit.SECONDS.toNanos(seconds);
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        Outstanding given = new Outstanding(HexFormat.of().formatHex(id), challenge, expiresAt);
        outstanding.put(controller, given);
        LOG.info("controller {} ({}) asked for challenge {}", call.context().controllerEndpointId(), controller,
                challenge);
        Map<String, String> out = new HashMap<>();
        out.put("Instruction", read(model, challenge + "Instruction"));
        out.put("InstructionType", read(model, challenge + "InstructionType"));
        out.put("ValueType", read(model, challenge + "ValueType"));
        out.put("ChallengeID", given.id);
        return Result.ok(out);
    }

    Result<Map<String, String>> challengeResponse(DataModel model, UspCommand.Call call) {
        forgetEnded();
        String controller = call.context().controllerPath();
        Outstanding given = outstanding.get(controller);
        String id = call.inputArgs().getOrDefault("ChallengeID", "");
        if (given == null || !MessageDigest.isEqual(given.id.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                id.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            return Result.err(DmError.of(ErrorCode.INVALID_ARGUMENTS, "ChallengeID is not one this controller was"
                    + " given, or it expired: ask again with RequestChallenge()"));
        }
        String challenge = given.challenge;
        Optional<DmError> locked = lockedOut(challenge);
        if (locked.isPresent()) {
            return Result.err(locked.get());
        }
        Result<String> expected = model.readHidden(challenge + "Value");
        Result<String> enable = model.read(challenge + "Enable");
        if (!expected.isOk() || !enable.isOk() || !"true".equals(enable.value())) {
            outstanding.remove(controller);
            return Result.err(DmError.of(ErrorCode.REQUEST_DENIED, "challenge " + challenge
                    + " was deleted or disabled since it was requested"));
        }
        if (!matches(expected.value(), call.inputArgs().getOrDefault("Value", ""))) {
            return Result.err(failed(model, challenge, call.context().controllerEndpointId()));
        }
        Optional<DmError> assigned = assignRoles(model, controller, challenge);
        if (assigned.isPresent()) {
            return Result.err(assigned.get());
        }
        outstanding.remove(controller);
        failures.remove(challenge);
        LOG.info("controller {} ({}) answered challenge {}: its roles are now {}",
                call.context().controllerEndpointId(), controller, challenge, read(model, controller + ASSIGNED_ROLE));
        return Result.ok(Map.of());
    }

    /** Both base64; equal when they decode to the same bytes (an empty or undecodable expected value matches nothing). */
    private static boolean matches(String expectedBase64, String givenBase64) {
        byte[] expected;
        byte[] given;
        try {
            expected = Base64.getMimeDecoder().decode(expectedBase64);
            given = Base64.getMimeDecoder().decode(givenBase64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return expected.length > 0 && MessageDigest.isEqual(expected, given);
    }

    private DmError failed(DataModel model, String challenge, String endpointId) {
        Failures before = failures.getOrDefault(challenge, new Failures(0, 0));
        int count = before.count + 1;
        long retries = Math.max(1, number(model, challenge + "Retries", 3));
        long lockout = number(model, challenge + "LockoutPeriod", 30);
        if (count >= retries && lockout > 0) {
            failures.put(challenge, new Failures(0, nanoTime.getAsLong() + TimeUnit.SECONDS.toNanos(lockout)));
            LOG.warn("challenge {} failed {} times in a row (last by {}): locked for {} s", challenge, count, endpointId,
                    lockout);
            return DmError.of(ErrorCode.REQUEST_DENIED, "the value does not answer the challenge; it failed " + count
                    + " times in a row and is now locked for " + lockout + " s");
        }
        failures.put(challenge, new Failures(count, 0));
        LOG.warn("challenge {} answered wrongly by {} ({} failure(s) in a row)", challenge, endpointId, count);
        return DmError.of(ErrorCode.REQUEST_DENIED, "the value does not answer the challenge");
    }

    private Optional<DmError> lockedOut(String challenge) {
        Failures f = failures.get(challenge);
        if (f == null || f.lockedUntil == 0) {
            return Optional.empty();
        }
        long left = f.lockedUntil - nanoTime.getAsLong();
        if (left <= 0) {
            failures.remove(challenge);
            return Optional.empty();
        }
        return Optional.of(DmError.of(ErrorCode.REQUEST_DENIED, "challenge " + challenge + " is locked for another "
                + Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left)) + " s after too many failures"));
    }

    /**
     * Appends the challenge's roles to the controller's {@code AssignedRole}, without
     * duplicates, the {@code UntrustedRole}s there taken out.
     */
    private static Optional<DmError> assignRoles(DataModel model, String controller, String challenge) {
        Set<String> untrusted = new LinkedHashSet<>(items(read(model, ControllerTrustObject.PATH + "UntrustedRole")));
        Set<String> roles = new LinkedHashSet<>();
        for (String role : items(read(model, controller + ASSIGNED_ROLE))) {
            if (!untrusted.contains(role)) {
                roles.add(role);
            }
        }
        roles.addAll(items(read(model, challenge + "Role")));
        Transaction tx;
        try {
            tx = model.beginForAgent();
        } catch (IllegalStateException busy) {
            return Optional.of(DmError.of(ErrorCode.INTERNAL_ERROR, "the roles could not be assigned now: "
                    + busy.getMessage()));
        }
        try {
            Optional<DmError> set = tx.set(controller, ASSIGNED_ROLE, String.join(",", roles));
            if (set.isPresent()) {
                return Optional.of(DmError.of(ErrorCode.INTERNAL_ERROR, "the roles could not be assigned: "
                        + set.get().message()));
            }
            Result<List<ModelEvent>> committed = tx.commit();
            return committed.isOk() ? Optional.empty() : Optional.of(DmError.of(ErrorCode.INTERNAL_ERROR,
                    "the roles could not be assigned: " + committed.error().message()));
        } finally {
            tx.rollback();
        }
    }

    /** Drops challenges that expired, so that none is kept past its time. */
    private void forgetEnded() {
        long now = nanoTime.getAsLong();
        outstanding.values().removeIf(o -> o.expiresAt != Long.MAX_VALUE && now - o.expiresAt >= 0);
    }

    /** The role references of a list value, as the engine splits it, without trailing dots. */
    private static List<String> items(String list) {
        List<String> items = new ArrayList<>();
        for (String item : ControllerTrust.parseList(list)) {
            items.add(item.endsWith(".") ? item.substring(0, item.length() - 1) : item);
        }
        return items;
    }

    private static long number(DataModel model, String path, long otherwise) {
        try {
            return Long.parseLong(read(model, path));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static String read(DataModel model, String path) {
        Result<String> v = model.read(path);
        return v.isOk() ? v.value() : "";
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
