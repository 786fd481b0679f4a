package io.heartline.heartbeat;

import java.util.List;

/** The contract kit run against the in-memory medium: checks the kit and {@link AbstractMedium}. */
class InMemoryMediumTest extends HeartbeatMediumContract {
    @Override
    protected MediumPair createPair(MediumContext contextA, MediumContext contextB) {
        List<InMemoryMedium> pair = InMemoryMedium.pair("memory", contextA, contextB);
        return new MediumPair(pair.get(0), pair.get(1));
    }
}
