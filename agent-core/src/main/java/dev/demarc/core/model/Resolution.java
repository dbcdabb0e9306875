package dev.demarc.core.model;

import java.util.List;

/**
 * What a path resolved to. {@code search} is true when the path searched (a wildcard, a search
 * expression that is not a whole unique key, or following every item of a list): then no match
 * is an empty answer, not an error.
 */
public record Resolution(List<Resolved> matches, boolean search) {

    public Resolution {
        matches = List.copyOf(matches);
    }
}
