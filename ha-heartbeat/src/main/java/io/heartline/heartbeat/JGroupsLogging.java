package io.heartline.heartbeat;

import org.jgroups.logging.CustomLogFactory;
import org.jgroups.logging.Log;
import org.jgroups.logging.LogFactory;
import org.jgroups.logging.Slf4jLogImpl;

/**
 * Routes JGroups' logging through slf4j. JGroups picks log4j2 if log4j-core is on the class path,
 * then slf4j, then java.util.logging (or the class named by {@code -Djgroups.log_class}); this
 * pins slf4j whatever else is on the class path, unless the application installed its own
 * factory first. It applies to loggers created afterwards, so it runs before any stack is built.
 */
final class JGroupsLogging {
    private JGroupsLogging() {
    }

    static synchronized void useSlf4j() {
        if (LogFactory.getCustomLogFactory() != null) {
            return;
        }
        LogFactory.setCustomLogFactory(new CustomLogFactory() {
            @Override
            public Log getLog(Class<?> clazz) {
                return new Slf4jLogImpl(clazz);
            }

            @Override
            public Log getLog(String category) {
                return new Slf4jLogImpl(category);
            }
        });
    }
}
