package hudson.model;

/** Stand-in for jenkins-core {@code hudson.model.Queue}: only the nested {@code Task} type. */
public class Queue {

    private Queue() {}

    /** Stand-in for {@code hudson.model.Queue.Task}. */
    public interface Task {}
}
