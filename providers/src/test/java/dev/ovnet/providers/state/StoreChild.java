package dev.ovnet.providers.state;

import dev.ovnet.planner.spi.StateLock;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The other process of the multi-process store tests. The first argument names the store ({@code local:PATH}
 * or {@code etcd:ENDPOINTS|PREFIX|NETWORK}); then one of:
 * <ul>
 *   <li>{@code hold OPERATION}: takes the lock, prints {@code LOCKED <id>}, and waits to be killed;</li>
 *   <li>{@code write-loop LINEAGE}: writes state after state, printing each serial once it is written;</li>
 *   <li>{@code increment LINEAGE COUNT DIR}: COUNT times lock, read, write serial + 1, with a check that no
 *   other process is inside the critical section at the same time (files in DIR).</li>
 * </ul>
 */
public final class StoreChild {

    public static void main(String[] args) throws Exception {
        StateStore store = StoreSpec.open(args[0]);
        switch (args[1]) {
            case "hold" -> hold(store, args[2]);
            case "write-loop" -> writeLoop(store, args[2]);
            case "increment" -> increment(store, args[2], Integer.parseInt(args[3]), Path.of(args[4]));
            default -> throw new IllegalArgumentException(args[1]);
        }
    }

    private static void hold(StateStore store, String operation) throws InterruptedException {
        StateLock lock = store.lock(operation, Duration.ofSeconds(30));
        System.out.println("LOCKED " + lock.info().id());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** The state of serial {@code serial} in a write loop: its host count follows the serial, so sizes vary. */
    static State loopState(String lineage, long serial) {
        List<HostState> hosts = new ArrayList<>();
        for (int i = 0; i < serial % 40; i++) {
            hosts.add(StateFixtures.host(i, HostStatus.APPLIED, i % 2 == 0 ? null : StateFixtures.everyKind(StateFixtures.root(i))));
        }
        return new State(State.FORMAT_VERSION, serial, lineage, StateFixtures.vxlanNetwork(), hosts);
    }

    private static void writeLoop(StateStore store, String lineage) {
        while (true) {
            long serial = store.read().map(State::serial).orElse(0L) + 1;
            store.write(loopState(lineage, serial));
            System.out.println(serial);
            System.out.flush();
        }
    }

    private static void increment(StateStore store, String lineage, int count, Path dir) throws Exception {
        Path inside = dir.resolve("inside");
        Path counter = dir.resolve("counter");
        for (int i = 0; i < count; i++) {
            try (StateLock lock = store.lock("increment", Duration.ofSeconds(30))) {
                try {
                    Files.createFile(inside);
                } catch (FileAlreadyExistsException e) {
                    Files.createFile(dir.resolve("violation-" + ProcessHandle.current().pid() + "-" + i));
                }
                Optional<State> state = store.read();
                long serial = state.map(State::serial).orElse(0L) + 1;
                store.write(new State(State.FORMAT_VERSION, serial, lineage, null, List.of()));
                int seen = Files.exists(counter) ? Integer.parseInt(Files.readString(counter).trim()) : 0;
                Files.writeString(counter, Integer.toString(seen + 1), StandardCharsets.UTF_8);
                Files.delete(inside);
            }
        }
        System.out.println("DONE");
    }
}
