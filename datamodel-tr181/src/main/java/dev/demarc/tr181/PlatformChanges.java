package dev.demarc.tr181;

/**
 * Where the TR-181 objects report that the platform changed something, by data model path: a
 * parameter ({@code Device.Ethernet.Interface.2.Status}), or a table whose rows are to be read
 * again ({@code Device.IP.Interface.} or {@code Device.IP.Interface.{i}.IPv4Address.}). The
 * running agent hands these to the data model's owner thread
 * ({@code DataModelOwner.platformChanged}), so that notifications go out at once. Called on any
 * thread (the platform's watchers); must not block.
 */
@FunctionalInterface
public interface PlatformChanges {

    /** Nowhere: for tools and tests that do not listen. */
    PlatformChanges NONE = path -> { };

    void changed(String path);
}
