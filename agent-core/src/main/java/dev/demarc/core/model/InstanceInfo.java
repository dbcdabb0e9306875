package dev.demarc.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** An instance as GetInstances reports it: its path and the values of its unique keys. */
public record InstanceInfo(String path, Map<String, String> uniqueKeys) {

    public InstanceInfo {
        Objects.requireNonNull(path, "path");
        uniqueKeys = Collections.unmodifiableMap(new LinkedHashMap<>(uniqueKeys));
    }
}
