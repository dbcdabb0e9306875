package dev.demarc.core.model;

/**
 * How the instantiated data model is laid out in the {@link dev.demarc.core.store.Store}:
 * <ul>
 *   <li>{@code Device.LocalAgent.Controller.2.EndpointID} = a stored parameter value;</li>
 *   <li>{@code Device.LocalAgent.Controller.2.} = "" : an instance of an engine-stored table exists;</li>
 *   <li>{@code #key:Device.IP.Interface.3.} = {@code eth0} : the platform key of a platform-backed instance;</li>
 *   <li>{@code #next:Device.LocalAgent.Controller.} = {@code 5} : the next instance number of a table;</li>
 *   <li>{@code #initialized} = "" : the factory defaults were applied, so the store is never empty after
 *       a first start, even with no defaults at all.</li>
 * </ul>
 */
final class StoreKeys {

    static final String NEXT = "#next:";
    static final String ROW_KEY = "#key:";
    static final String INITIALIZED = "#initialized";

    private StoreKeys() {
    }

    static String next(TableNode table) {
        return NEXT + table.path;
    }

    static String rowKey(ObjectNode instance) {
        return ROW_KEY + instance.path;
    }
}
