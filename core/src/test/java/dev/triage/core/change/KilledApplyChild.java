package dev.triage.core.change;

import dev.triage.core.lab.LabLoadBalancers;
import dev.triage.core.port.LoadBalancers;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The child JVM of {@link ChangeApplierKillTest}: shifts a rule's weights on a lab edge through
 * {@link ChangeApplier}, and parks mid-apply so the parent can kill it with SIGKILL at a known
 * point. Arguments: describe file, journal file, rule id, {@code before-write} or {@code
 * after-write}, then TARGET_GROUP=WEIGHT pairs.
 *
 * <p>It prints {@link #PARKED} on stdout once the journal's intent line is on disk and, with
 * {@code after-write}, the first ModifyRule has been answered by the edge (with {@code
 * before-write}, just before it is sent), then waits on stdin. If stdin closes (the parent died)
 * it halts without finishing, as a killed process would.
 */
public final class KilledApplyChild {

    static final String PARKED = "PARKED mid-apply";

    private KilledApplyChild() {}

    public static void main(String[] args) {
        Path describe = Path.of(args[0]);
        Path journalFile = Path.of(args[1]);
        String rule = args[2];
        boolean afterWrite = args[3].equals("after-write");
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (int i = 4; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            weights.put(pair[0], Integer.parseInt(pair[1]));
        }
        LabLoadBalancers lab = LabLoadBalancers.open(describe);
        LoadBalancers parking = parkingOnFirstWrite(lab, afterWrite);
        ChangeApplier applier = new ChangeApplier(parking, new AuditJournal(journalFile));
        applier.apply(new ChangePlanner(parking).shiftWeights(rule, weights), "child", "kill -9 test");
        System.out.println("FINISHED (should have been killed)");
        System.exit(2);
    }

    private static LoadBalancers parkingOnFirstWrite(LoadBalancers delegate, boolean afterWrite) {
        return (LoadBalancers) Proxy.newProxyInstance(
                LoadBalancers.class.getClassLoader(), new Class<?>[] {LoadBalancers.class}, (proxy, method, args) -> {
                    boolean write = method.getName().equals("modifyRule");
                    if (write && !afterWrite) {
                        park();
                    }
                    Object result;
                    try {
                        result = method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (write) {
                        park();
                    }
                    return result;
                });
    }

    private static void park() {
        System.out.println(PARKED);
        System.out.flush();
        try {
            while (System.in.read() >= 0) {
                // the parent never writes; wait for SIGKILL
            }
        } catch (IOException e) {
            // fall through: stdin is gone
        }
        Runtime.getRuntime().halt(3);
    }
}
