package dev.ovnet.planner.spi;

/** Who holds the state lock, as Terraform's lock info names them. */
public record LockInfo(String id, String operation, String who, String created, String path) {

    public String render() {
        return "Lock Info:\n  ID:        " + id + "\n  Path:      " + path + "\n  Operation: " + operation
                + "\n  Who:       " + who + "\n  Created:   " + created;
    }
}
