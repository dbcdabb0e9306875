package dev.demarc.core.model;

import java.util.List;

/** Hears what changed in the data model. Called on the owner thread; must not block. */
@FunctionalInterface
public interface ModelListener {

    void changed(List<ModelEvent> events);
}
