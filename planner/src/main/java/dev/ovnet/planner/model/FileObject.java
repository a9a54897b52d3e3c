package dev.ovnet.planner.model;

/**
 * A file ovnet writes, its path as seen on the host (the host's {@code root} is already prefixed), its whole
 * content and its mode. Written atomically; removed on destroy.
 */
public record FileObject(String path, String content, int mode) implements KernelObject {

    @Override
    public Phase phase() {
        return Phase.FILE;
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Phase.FILE, "file", path);
    }

    @Override
    public String describe() {
        return "file " + path + " (" + content.length() + " bytes, mode " + Integer.toOctalString(mode) + ")";
    }
}
