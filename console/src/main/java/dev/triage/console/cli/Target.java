package dev.triage.console.cli;

import dev.triage.core.aws.acm.AcmCertificates;
import dev.triage.core.aws.context.AwsContext;
import dev.triage.core.aws.context.AwsPlace;
import dev.triage.core.aws.elbv2.Elbv2LoadBalancers;
import dev.triage.core.lab.LabLoadBalancers;
import dev.triage.core.port.Certificates;
import dev.triage.core.port.LoadBalancers;
import java.nio.file.Path;
import java.util.Optional;

/** Where the commands act: the lab's edge agent or an AWS account and region. */
sealed interface Target {

    static Target lab(Path describeFile) {
        return new Lab(describeFile);
    }

    static Target aws(String profile, String region) {
        return new Aws(new AwsPlace(profile, region, null));
    }

    /** Opens the load balancers; close the returned handle when done. */
    Opened open();

    boolean isLab();

    /** Opens the certificate store (close the handle when done), or empty when the target has none (the lab). */
    Optional<OpenedCertificates> certificates();

    /** Open load balancers and whatever must be closed with them. */
    record Opened(LoadBalancers loadBalancers, AutoCloseable... closeables) implements AutoCloseable {
        @Override
        public void close() {
            closeAll(closeables);
        }
    }

    /** An open certificate store and whatever must be closed with it. */
    record OpenedCertificates(Certificates certificates, AutoCloseable... closeables) implements AutoCloseable {
        @Override
        public void close() {
            closeAll(closeables);
        }
    }

    private static void closeAll(AutoCloseable... closeables) {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing is best effort; the command's outcome is already decided
            }
        }
    }

    record Lab(Path describeFile) implements Target {
        @Override
        public Opened open() {
            LabLoadBalancers lab = LabLoadBalancers.open(describeFile);
            return new Opened(lab, lab);
        }

        @Override
        public boolean isLab() {
            return true;
        }

        /** The lab's edge agent reads its TLS certificates from files; there is no store to list. */
        @Override
        public Optional<OpenedCertificates> certificates() {
            return Optional.empty();
        }
    }

    record Aws(AwsPlace place) implements Target {
        @Override
        public Opened open() {
            AwsContext context = AwsContext.open(place);
            try {
                Elbv2LoadBalancers elbv2 = Elbv2LoadBalancers.open(context);
                return new Opened(elbv2, elbv2, context);
            } catch (RuntimeException e) {
                context.close();
                throw e;
            }
        }

        @Override
        public boolean isLab() {
            return false;
        }

        @Override
        public Optional<OpenedCertificates> certificates() {
            AwsContext context = AwsContext.open(place);
            try {
                AcmCertificates acm = AcmCertificates.open(context);
                return Optional.of(new OpenedCertificates(acm, acm, context));
            } catch (RuntimeException e) {
                context.close();
                throw e;
            }
        }
    }
}
