package dev.demarc.hal;

import dev.demarc.tr181.platform.DeviceInfoPlatform;
import dev.demarc.tr181.platform.LanPlatform;
import dev.demarc.tr181.platform.NatPlatform;
import dev.demarc.tr181.platform.NetworkPlatform;
import dev.demarc.tr181.platform.Platform;
import dev.demarc.tr181.platform.SystemPlatform;
import dev.demarc.tr181.platform.TimePlatform;
import dev.demarc.tr181.platform.WanPlatform;
import dev.demarc.tr181.platform.WiFiPlatform;

/**
 * A platform whose parts are a {@link PlatformParts}: each area answers with its part, and
 * {@link #close} stops the parts in the order the platform gave, then its threads. The
 * platforms of this module extend it and say only their {@link #name} and how their parts are
 * made. Parts are read on the data model's owner thread; {@link #close} runs on the caller's.
 */
public abstract class PartsPlatform implements Platform {

    /** The platform's parts; set by its constructor, before any other method is called. */
    protected abstract PlatformParts parts();

    @Override
    public DeviceInfoPlatform deviceInfo() {
        return parts().deviceInfo();
    }

    @Override
    public SystemPlatform system() {
        return parts().system();
    }

    @Override
    public NetworkPlatform network() {
        return parts().network();
    }

    @Override
    public WanPlatform wan() {
        return parts().wan();
    }

    @Override
    public WiFiPlatform wifi() {
        return parts().wifi();
    }

    @Override
    public LanPlatform lan() {
        return parts().lan();
    }

    @Override
    public NatPlatform nat() {
        return parts().nat();
    }

    @Override
    public TimePlatform time() {
        return parts().time();
    }

    @Override
    public void close() {
        parts().close();
    }
}
