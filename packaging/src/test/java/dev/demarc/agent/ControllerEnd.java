package dev.demarc.agent;

/** A test controller's end of one MTP: it sends records to the agent and collects what comes back. */
interface ControllerEnd extends AutoCloseable {

    /** Sends one record to the agent. */
    void send(byte[] record) throws Exception;

    /** The next record from the agent, failing after {@link Usp#WAIT}. */
    byte[] next();

    @Override
    void close() throws Exception;
}
