/**
 * What the USP agent sends on its own (TR-369 "Notifications and Subscription Mechanism",
 * "Asynchronous Operations"): Notify messages for {@code Device.LocalAgent.Subscription.{i}.},
 * the {@code Boot!} and {@code Periodic!} events, OnBoardRequest, and the Request instances and
 * OperationComplete of asynchronous commands.
 *
 * <ul>
 *   <li>{@link dev.demarc.core.usp.notify.Notifications} listens to the data model, matches
 *       subscriptions and raises the agent's events; the
 *       {@link dev.demarc.core.usp.UspAgent} builds it and calls it on the owner thread;</li>
 *   <li>{@code SubscriptionManager} keeps the subscriptions and matches their
 *       {@code ReferenceList} (paths, wildcards, search expressions) against changes;</li>
 *   <li>{@code Deliveries} sends, retries ({@link dev.demarc.core.usp.notify.RetryPolicy}),
 *       expires, queues per controller while no route reaches it, and stores the
 *       notifications of persistent subscriptions;</li>
 *   <li>{@link dev.demarc.core.usp.notify.AsyncOperations} runs asynchronous commands through
 *       the Request table, and keeps those that resume after a restart in the notification
 *       store; {@link dev.demarc.core.usp.notify.ScheduleTimerCommand}, the agent's own
 *       {@code Device.ScheduleTimer()}, is one.</li>
 * </ul>
 *
 * <h2>What the wiring layer provides</h2>
 * <ul>
 *   <li>{@link dev.demarc.core.usp.notify.ControllerRoutes}: the MTP address of a controller
 *       now, or none; and {@code TransportListener.connected} when a transport comes up;</li>
 *   <li>a {@link dev.demarc.core.store.Store} of its own for persisted notifications and kept
 *       calls of resumable commands (e.g. a
 *       {@code FileStore} in {@code <data-dir>/notifications}): the data model's store holds
 *       TR-181 values only, and a factory reset that drops the data directory drops both;</li>
 *   <li>the {@link dev.demarc.core.usp.notify.BootCause} of this start, to
 *       {@code UspAgent.start};</li>
 *   <li>{@link dev.demarc.core.usp.notify.NotifyConfig}: the poll interval and the parameters
 *       the platform pushes with {@code platformChanged} (never polled).</li>
 * </ul>
 *
 * Everything here runs on the data model's owner thread; timers come from an
 * {@link dev.demarc.core.usp.notify.OwnerScheduler} (the owner's own, or a manual one in tests).
 */
package dev.demarc.core.usp.notify;
