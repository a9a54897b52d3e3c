package dev.ovnet.providers.forwarder;

import dev.ovnet.planner.OvnetException;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A plain {@code main} for the forwarder with the same options as {@code ovnet forward}, for tests and the
 * benchmark, which start it as a separate process inside a network namespace. A leading {@code forward} is
 * skipped, so it also serves as a launcher for the forwarder controls, which put that word first.
 */
public final class ForwarderMain {

    private static final Set<String> VALUED = Set.of("--peers", "--dev", "--bind", "--port", "--pool", "--subnet",
            "--mtu", "--stats", "--pid-file");

    private ForwarderMain() {
    }

    public static void main(String[] args) {
        Consumer<String> log = line -> System.err.println(Instant.now() + " ovnet forward: " + line);
        int code;
        try {
            code = Forwarder.run(parse(args), log);
        } catch (OvnetException e) {
            System.err.println("Error: " + e.getMessage());
            if (e.hint() != null) {
                System.err.println("  " + e.hint());
            }
            code = 1;
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    static ForwarderConfig parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        boolean plain = false;
        for (int i = args.length > 0 && args[0].equals("forward") ? 1 : 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--plain")) {
                plain = true;
            } else if (VALUED.contains(arg) && i + 1 < args.length) {
                values.put(arg, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown or incomplete option: " + arg);
            }
        }
        for (String required : new String[] {"--peers", "--pool", "--subnet"}) {
            if (!values.containsKey(required)) {
                throw new IllegalArgumentException("missing " + required);
            }
        }
        return new ForwarderConfig(Path.of(values.get("--peers")),
                values.getOrDefault("--dev", ForwarderConfig.DEFAULT_DEV),
                Ipv4.parse(values.getOrDefault("--bind", "0.0.0.0")),
                Integer.parseInt(values.getOrDefault("--port", String.valueOf(ForwarderConfig.DEFAULT_PORT))),
                Cidr.parse(values.get("--pool")), Cidr.parse(values.get("--subnet")),
                Integer.parseInt(values.getOrDefault("--mtu", "0")), plain,
                values.containsKey("--stats") ? Path.of(values.get("--stats")) : null,
                values.containsKey("--pid-file") ? Path.of(values.get("--pid-file")) : null);
    }
}
