/**
 * The MQTT MTP: {@link dev.demarc.mtp.mqtt.MqttTransport}, configured by
 * {@link dev.demarc.mtp.mqtt.MqttClientConfig} (TR-181 {@code Device.MQTT.Client.{i}.} and
 * {@code Device.LocalAgent.MTP.{i}.MQTT.}), following TR-369's MQTT binding for MQTT 5.0 and
 * 3.1.1 on Eclipse Paho.
 */
package dev.demarc.mtp.mqtt;
