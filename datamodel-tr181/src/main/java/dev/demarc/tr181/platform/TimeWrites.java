package dev.demarc.tr181.platform;

/**
 * Which time writes a platform applies; the TR-181 model declares the others read-only on it.
 *
 * @param enable            {@code Device.Time.Enable}
 * @param localTimeZone     {@code Device.Time.LocalTimeZone}
 * @param clientEnable      {@code Device.Time.Client.{i}.Enable}
 * @param clientServers     {@code Device.Time.Client.{i}.Servers}
 * @param addDeleteClients  whether controllers may add and delete NTP clients
 */
public record TimeWrites(boolean enable, boolean localTimeZone, boolean clientEnable, boolean clientServers,
                         boolean addDeleteClients) {

    public static final TimeWrites NONE = new TimeWrites(false, false, false, false, false);
    public static final TimeWrites ALL = new TimeWrites(true, true, true, true, true);
}
