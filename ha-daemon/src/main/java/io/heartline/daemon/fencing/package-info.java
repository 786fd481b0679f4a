/**
 * Fencing for the loop's FencePeer actions and for hactl fence / fence-ack: {@link io.heartline.daemon.fencing.FenceService} runs fence agents off the loop thread and reports back as events.
 */
package io.heartline.daemon.fencing;
