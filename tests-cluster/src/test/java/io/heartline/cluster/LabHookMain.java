package io.heartline.cluster;

import java.util.concurrent.CountDownLatch;

/**
 * A JVM that builds a lab, starts a process in it, prints {@code READY PREFIX PID} and waits
 * to be interrupted: {@link LabTeardownIT} sends it SIGTERM to prove the shutdown hook tears
 * the lab down.
 */
public final class LabHookMain {
    private LabHookMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Lab lab = Lab.builder("LabHookMain").nodes("node-a").client("client").build();
        LabProcess sleeper = lab.start("node-a", ProcessSpec.of("sleeper", "sleep", "600"));
        System.out.println("READY " + lab.prefix() + " " + sleeper.pid());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
