package dev.demarc.cli;

import dev.demarc.core.text.JsonWriter;
import dev.demarc.core.usp.proto.UspMsg;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command that talks to the running agent shares: the {@link AgentOptions}, the
 * connection ({@link AgentClient}, opened for {@link #run} and closed after), and the output:
 * aligned text by default, JSON with {@code --json}; errors on stderr as {@code demarc: <path>:
 * <code> <name>: <message>}, one a line, and exit code 1 when the agent reported any.
 *
 * <p>Called by picocli on the thread that runs the command line.
 */
abstract class AgentCall implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AgentOptions agent = new AgentOptions();

    /** An error the agent reported about one path. */
    record PathError(String path, int code, String message) {
        @Override
        public String toString() {
            return CliFailure.describe(path, code, message);
        }
    }

    @Override
    public final Integer call() {
        if (agent.timeoutSeconds < 1 || agent.timeoutSeconds > AgentOptions.MAX_TIMEOUT_SECONDS) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--timeout must be 1.." + AgentOptions.MAX_TIMEOUT_SECONDS + ": " + agent.timeoutSeconds);
        }
        checkArguments();
        try (AgentClient client = AgentClient.connect(agent)) {
            return run(client);
        }
    }

    /** Checks the arguments before connecting; a usage error throws a ParameterException. */
    void checkArguments() {
    }

    /** Does the command's work; answers the exit code. */
    abstract int run(AgentClient client);

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The response of {@code m}; an Error message is a {@link CliFailure} with each of its parameter errors. */
    static UspMsg.Response response(UspMsg.Msg m) {
        UspMsg.Body body = m.getBody();
        if (body.hasError()) {
            UspMsg.Error e = body.getError();
            List<String> parts = new ArrayList<>();
            boolean repeated = false;
            for (UspMsg.Error.ParamError p : e.getParamErrsList()) {
                parts.add(CliFailure.describe(p.getParamPath(), p.getErrCode(), p.getErrMsg()));
                repeated |= p.getErrCode() == e.getErrCode() && p.getErrMsg().equals(e.getErrMsg());
            }
            if (!repeated) {
                // the message's own error, unless a parameter's says the same with its path
                parts.add(0, CliFailure.describe("", e.getErrCode(), e.getErrMsg()));
            }
            throw new CliFailure(CliFailure.AGENT_ERROR, String.join("; ", parts));
        }
        return body.getResponse();
    }

    /** Prints {@code errors} on stderr, one a line; answers the exit code: 0 when there are none, else 1. */
    int report(List<PathError> errors) {
        PrintWriter err = spec.commandLine().getErr();
        for (PathError e : errors) {
            err.println(ShortErrorHandler.PREFIX + e);
        }
        err.flush();
        out().flush();
        return errors.isEmpty() ? 0 : CliFailure.AGENT_ERROR;
    }

    /** Prints {@code rows} in aligned columns, two spaces apart, the last column not padded. */
    static void table(PrintWriter out, List<List<String>> rows) {
        List<Integer> widths = new ArrayList<>();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size() - 1; i++) {
                int w = printable(row.get(i)).length();
                if (widths.size() <= i) {
                    widths.add(w);
                } else {
                    widths.set(i, Math.max(widths.get(i), w));
                }
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = printable(row.get(i));
                line.append(cell);
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths.get(i) - cell.length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** A value for one line of text: control characters escaped ({@code \n}, {@code \t}, {@code \x07}). */
    static String printable(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append('\\').append('\\');
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** {@code k1=v1 k2=v2}, keys sorted. */
    static String keyValues(Map<String, String> values) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(values).forEach((k, v) -> parts.add(k + "=" + v));
        return String.join("  ", parts);
    }

    /** Writes {@code values} as a JSON object, keys sorted. */
    static JsonWriter object(JsonWriter w, Map<String, String> values) {
        w.beginObject();
        new TreeMap<>(values).forEach((k, v) -> w.name(k).value(v));
        return w.endObject();
    }

    /** Writes {@code errors} as a JSON array of {path, code, message}. */
    static JsonWriter errors(JsonWriter w, List<PathError> errors) {
        w.beginArray();
        for (PathError e : errors) {
            w.beginObject().name("path").value(e.path()).name("code").value(e.code()).name("message")
                    .value(e.message()).endObject();
        }
        return w.endArray();
    }
}
