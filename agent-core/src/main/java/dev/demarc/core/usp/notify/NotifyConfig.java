package dev.demarc.core.usp.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Bounds and intervals of notifications.
 *
 * @param pollInterval            how often parameters a ValueChange subscription names are read
 *                                again when the platform provides them and cannot push a
 *                                change (default 30 s, at least 1 s); also how often tables an
 *                                ObjectCreation or ObjectDeletion subscription names are read
 * @param maxPendingPerController notifications kept for one controller, waiting for a route or
 *                                a NotifyResp (default 256); past it the oldest is dropped and
 *                                logged
 * @param maxPolledParameters     parameters read in one poll (default 4096); more are left out
 *                                and logged
 * @param pushedParameters        supported parameter paths ({@code Device.WiFi.SSID.{i}.SSID})
 *                                whose changes the platform pushes with {@code platformChanged}:
 *                                never polled (default none)
 */
public record NotifyConfig(Duration pollInterval, int maxPendingPerController, int maxPolledParameters,
                           Set<String> pushedParameters) {

    public static final NotifyConfig DEFAULT = new NotifyConfig(Duration.ofSeconds(30), 256, 4096, Set.of());

    public NotifyConfig {
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("poll interval must be at least 1 s: " + pollInterval);
        }
        if (maxPendingPerController < 1 || maxPolledParameters < 1) {
            throw new IllegalArgumentException("bounds must be positive");
        }
        pushedParameters = Set.copyOf(pushedParameters);
    }

    public NotifyConfig withPollInterval(Duration value) {
        return new NotifyConfig(value, maxPendingPerController, maxPolledParameters, pushedParameters);
    }

    public NotifyConfig withMaxPendingPerController(int value) {
        return new NotifyConfig(pollInterval, value, maxPolledParameters, pushedParameters);
    }

    public NotifyConfig withPushedParameters(Set<String> value) {
        return new NotifyConfig(pollInterval, maxPendingPerController, maxPolledParameters, value);
    }
}
