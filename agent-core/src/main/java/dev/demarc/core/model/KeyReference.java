package dev.demarc.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A reference from a platform row to an instance of a platform-backed table, named by the
 * platform keys rather than the instance number, which only the engine knows: for
 * {@code Device.IP.Interface.{i}.LowerLayers} a row says
 * {@code KeyReference.of("Device.Ethernet.Interface.{i}.", "eth0")} and a controller reads
 * {@code Device.Ethernet.Interface.2}. Every {@code {i}} of the supported table path takes one
 * key, outermost first. A key the table does not hold (yet) is left out of the value.
 *
 * @param supportedTablePath the supported path of the referenced table, ending in {@code {i}.}
 * @param keys               the platform key of each instance on the way, outermost first
 */
public record KeyReference(String supportedTablePath, List<String> keys) {

    public KeyReference {
        Objects.requireNonNull(supportedTablePath, "supportedTablePath");
        keys = List.copyOf(keys);
        if (!supportedTablePath.endsWith("{i}.")) {
            throw new IllegalArgumentException("not a table path: " + supportedTablePath);
        }
        int tables = supportedTablePath.split("\\{i}", -1).length - 1;
        if (tables != keys.size()) {
            throw new IllegalArgumentException(supportedTablePath + " needs " + tables + " keys, given " + keys.size());
        }
    }

    public static KeyReference of(String supportedTablePath, String... keys) {
        return new KeyReference(supportedTablePath, List.of(keys));
    }

    // equals and hashCode by hand: the generated ones go through method handles that the JVM
    // compiles into classes of their own, which the class data sharing archive cannot hold.
    @Override
    public boolean equals(Object other) {
        return other instanceof KeyReference o
                && Objects.equals(supportedTablePath, o.supportedTablePath)
                && Objects.equals(keys, o.keys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(supportedTablePath, keys);
    }
}
