/**
 * Access control of TR-369 ("Roles (Access Control)") over TR-181
 * {@code Device.LocalAgent.ControllerTrust.}: what each controller may read, write, execute and
 * be notified of.
 *
 * <ul>
 *   <li>{@link dev.demarc.core.acl.ControllerTrust} reads the roles from parameter values and
 *       gives a controller's {@link dev.demarc.core.acl.AccessPolicy} from its
 *       {@code AssignedRole} and {@code InheritedRole};</li>
 *   <li>{@link dev.demarc.core.acl.AccessPolicy} answers, for a path, the
 *       {@link dev.demarc.core.acl.Grant} (the four permission strings {@code Param},
 *       {@code Obj}, {@code InstantiatedObj}, {@code CommandEvent} that apply there) and the
 *       checks each USP message needs;</li>
 *   <li>{@link dev.demarc.core.acl.DataModelSearchEvaluator} evaluates search-expression
 *       targets against the data model.</li>
 * </ul>
 *
 * No protobuf, no transport: the USP message handling calls these checks and turns a refusal
 * into the answer TR-369 prescribes (left out of a Get, 7006 for a Set, and so on).
 */
package dev.demarc.core.acl;
