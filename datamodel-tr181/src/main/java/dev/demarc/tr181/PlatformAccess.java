package dev.demarc.tr181;

import dev.demarc.core.schema.ParameterDef;

/**
 * How a parameter the standard makes writable is declared on a platform: writable where the
 * platform applies writes to it, read-only elsewhere, so that a controller's GetSupportedDM says
 * so instead of a write being accepted and ignored.
 */
final class PlatformAccess {

    private PlatformAccess() {
    }

    /** {@code def} as it is when {@code writable}, else read-only. */
    static ParameterDef writableIf(ParameterDef def, boolean writable) {
        return writable ? def : readOnly(def);
    }

    /** {@code def} read-only, hidden if it was. */
    static ParameterDef readOnly(ParameterDef def) {
        ParameterDef ro = ParameterDef.readOnly(def.name(), def.type());
        return def.hidden() ? ro.asHidden() : ro;
    }
}
