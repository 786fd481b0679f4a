/**
 * The witness: a lock per group on an existing ZooKeeper ensemble, through Apache Curator. It
 * carries out the decider's {@link io.heartline.membership.Action.AskWitness} and
 * {@link io.heartline.membership.Action.LeaveWitness} on a thread of its own and answers with
 * {@link io.heartline.membership.Event.WitnessAnswer}; a lost session becomes
 * {@link io.heartline.membership.Event.WitnessLost}. Never on the beacon path, never on the loop.
 */
package io.heartline.daemon.witness;
