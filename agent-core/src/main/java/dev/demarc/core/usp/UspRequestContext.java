package dev.demarc.core.usp;

import dev.demarc.core.mtp.MtpAddress;
import java.util.Objects;

/**
 * Who sent a request and how it came: the controller's endpoint ID, its instance in
 * {@code Device.LocalAgent.Controller.{i}.} (e.g. {@code Device.LocalAgent.Controller.2.}), and
 * the MTP address the answer goes back to.
 */
public record UspRequestContext(String controllerEndpointId, String controllerPath, MtpAddress from) {

    public UspRequestContext {
        Objects.requireNonNull(controllerEndpointId, "controllerEndpointId");
        Objects.requireNonNull(controllerPath, "controllerPath");
        Objects.requireNonNull(from, "from");
    }
}
