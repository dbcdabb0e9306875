package dev.demarc.tr181.platform;

/**
 * A change to the WAN side that a platform may be able to apply ({@link WanPlatform#writes()}):
 * the TR-181 model declares the matching parameter writable, or the command present, only on a
 * platform that applies it.
 */
public enum WanWrite {
    /** Start or stop the DHCPv4 client of an interface ({@code DHCPv4.Client.{i}.Enable}). */
    DHCP_CLIENT_ENABLE,
    /** Make the DHCPv4 client renew its lease now ({@code DHCPv4.Client.{i}.Renew()}). */
    DHCP_CLIENT_RENEW,
    /** Connect or disconnect a PPP interface ({@code PPP.Interface.{i}.Enable}). */
    PPP_ENABLE,
    /** The user name a PPP interface authenticates with ({@code PPP.Interface.{i}.Username}). */
    PPP_USERNAME,
    /** The password a PPP interface authenticates with ({@code PPP.Interface.{i}.Password}). */
    PPP_PASSWORD
}
