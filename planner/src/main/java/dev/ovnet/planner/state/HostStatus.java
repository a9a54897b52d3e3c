package dev.ovnet.planner.state;

/** What the state knows about a host's kernel objects. */
public enum HostStatus {
    /** Has a lease; nothing applied yet (or everything removed again). */
    PENDING("pending"),
    /** Holds exactly the objects derived from the recorded network and hosts. */
    APPLIED("applied"),
    /** An apply stopped part-way; the host record lists exactly what is there. */
    PARTIAL("partial"),
    /** An apply failed and the host was put back as it was before; the record lists what is there. */
    ROLLED_BACK("rolled back"),
    /**
     * Left the file, but removing its objects did not finish: it keeps its subnet reserved and is no longer
     * anyone's peer.
     */
    REMOVING("removing");

    private final String word;

    HostStatus(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static HostStatus fromWord(String word) {
        for (HostStatus s : values()) {
            if (s.word.equals(word)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown host status: " + word);
    }
}
