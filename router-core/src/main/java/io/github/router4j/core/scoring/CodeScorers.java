package io.github.router4j.core.scoring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/** Finds and instantiates the {@link CodeScorer} classes named by {@code java_class}. */
public final class CodeScorers {

    private CodeScorers() {
    }

    /**
     * Loads {@code className} and checks it is a {@link CodeScorer} with a public no-argument constructor.
     *
     * @throws ScoringSpecException naming {@code path} otherwise
     */
    public static Class<? extends CodeScorer> check(String className, String path) {
        if (className == null || className.isBlank()) {
            throw new ScoringSpecException(path, "a CODE sub-dimension needs java_class: the name of a class implementing "
                    + CodeScorer.class.getName());
        }
        Class<?> type;
        try {
            type = Class.forName(className.trim(), false, loader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ScoringSpecException(path, "class " + className + " is not on the classpath");
        }
        if (!CodeScorer.class.isAssignableFrom(type)) {
            throw new ScoringSpecException(path, "class " + className + " does not implement " + CodeScorer.class.getName());
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new ScoringSpecException(path, "class " + className + " is abstract");
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new ScoringSpecException(path, "class " + className + " is not public");
        }
        try {
            type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new ScoringSpecException(path, "class " + className + " has no public no-argument constructor");
        }
        return type.asSubclass(CodeScorer.class);
    }

    /** A new instance of {@code className}, checked as by {@link #check}. */
    public static CodeScorer instantiate(String className, String path) {
        Class<? extends CodeScorer> type = check(className, path);
        try {
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new ScoringSpecException(path, "constructor of " + className + " failed: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new ScoringSpecException(path, "cannot instantiate " + className + ": " + e);
        }
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : CodeScorers.class.getClassLoader();
    }
}
