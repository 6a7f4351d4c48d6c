package dev.triage.core.aws.context;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Where and as whom core talks to AWS, and the factory of its SDK clients.
 *
 * <p>Every client gets the profile's credentials (or the default chain's), the resolved region, the
 * url-connection HTTP client (shared, closed with this context), the SDK's standard retry strategy with at
 * most {@value #MAX_ATTEMPTS} attempts, and the SDK's own endpoint resolution, which honours AWS_ENDPOINT_URL,
 * AWS_ENDPOINT_URL_&lt;SERVICE&gt; and the profile's endpoint_url; an explicit {@link AwsPlace#endpointOverride()}
 * replaces them. Clients built by {@link #client} belong to the caller, who closes them.
 */
public final class AwsContext implements AutoCloseable {

    static final int MAX_ATTEMPTS = 5;

    private final AwsPlace place;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final ClientOverrideConfiguration overrides;
    private final Problems problems;
    private StsClient sts;

    private AwsContext(
            AwsPlace place,
            Region region,
            AwsCredentialsProvider credentials,
            ProfileFile profileFile,
            boolean ssoProfile) {
        this.place = place;
        this.region = region;
        this.credentials = credentials;
        this.http = UrlConnectionHttpClient.builder().build();
        var overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(MAX_ATTEMPTS)
                        .build())
                .defaultProfileFile(profileFile);
        if (place.profile() != null) {
            overrides.defaultProfileName(place.profile());
        }
        this.overrides = overrides.build();
        this.problems = new Problems(place, region, ssoProfile);
    }

    /**
     * Opens a context on the default shared files (~/.aws/config and ~/.aws/credentials, or AWS_CONFIG_FILE and
     * AWS_SHARED_CREDENTIALS_FILE).
     *
     * @throws AwsProblem if the profile does not exist or no region can be found
     */
    public static AwsContext open(AwsPlace place) {
        requireNonNull(place, "place");
        ProfileFile profileFile = ProfileFile.defaultProfileFile();
        return open(place, profileFile, sdkRegionChain(place, profileFile), null);
    }

    /**
     * Opens a context on the given profile file, region chain and, when not null, fixed credentials (tests).
     */
    static AwsContext open(
            AwsPlace place, ProfileFile profileFile, AwsRegionProvider regionChain, AwsCredentialsProvider fixed) {
        requireNonNull(place, "place");
        requireNonNull(profileFile, "profileFile");
        requireNonNull(regionChain, "regionChain");
        boolean sso = false;
        if (place.profile() != null) {
            var profile = profileFile.profile(place.profile());
            if (profile.isEmpty()) {
                throw unknownProfile(place.profile(), profileFile);
            }
            sso = Profiles.summarize(profile.get()).sso();
        }
        Region region = RegionResolver.resolve(place, profileFile, regionChain);
        AwsCredentialsProvider credentials = fixed != null ? fixed : credentialsFor(place, profileFile);
        return new AwsContext(place, region, credentials, profileFile, sso);
    }

    public AwsPlace place() {
        return place;
    }

    public Region region() {
        return region;
    }

    /** The resolved region's code (e.g. eu-west-1), for callers that keep the SDK's types out (the console). */
    public String regionId() {
        return region.id();
    }

    /**
     * Configures and builds a synchronous SDK client: credentials, region, HTTP client, retries, the profile for
     * the SDK's own settings, and the endpoint override only when the place has one.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        requireNonNull(builder, "builder");
        builder.credentialsProvider(credentials)
                .region(region)
                .overrideConfiguration(overrides)
                .httpClient(http);
        if (place.endpointOverride() != null) {
            builder.endpointOverride(place.endpointOverride());
        }
        return builder.build();
    }

    /** The account, ARN and user id of the credentials, from STS GetCallerIdentity. */
    public Identity whoAmI() {
        GetCallerIdentityResponse response = call("STS", "GetCallerIdentity", () -> sts().getCallerIdentity());
        return new Identity(response.account(), response.arn(), response.userId());
    }

    /**
     * Runs an SDK call, turning its failure into an {@link AwsProblem} whose message says what to do.
     *
     * @param service the service's name for messages and its endpoint variable (e.g. "ELBv2" -> AWS_ENDPOINT_URL_ELBV2)
     */
    public <T> T call(String service, String operation, Supplier<T> call) {
        requireNonNull(service, "service");
        requireNonNull(operation, "operation");
        requireNonNull(call, "call");
        try {
            return call.get();
        } catch (SdkException e) {
            throw problems.translate(service, operation, e);
        }
    }

    private synchronized StsClient sts() {
        if (sts == null) {
            sts = client(StsClient.builder());
        }
        return sts;
    }

    @Override
    public synchronized void close() {
        if (sts != null) {
            sts.close();
        }
        http.close();
        if (credentials instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the credentials provider of " + place.describeProfile(), e);
            }
        }
    }

    private static AwsCredentialsProvider credentialsFor(AwsPlace place, ProfileFile profileFile) {
        if (place.profile() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return ProfileCredentialsProvider.builder()
                .profileFile(profileFile)
                .profileName(place.profile())
                .build();
    }

    private static AwsRegionProvider sdkRegionChain(AwsPlace place, ProfileFile profileFile) {
        var chain = DefaultAwsRegionProviderChain.builder().profileFile(() -> profileFile);
        if (place.profile() != null) {
            chain.profileName(place.profile());
        }
        return chain.build();
    }

    private static AwsProblem unknownProfile(String name, ProfileFile profileFile) {
        List<String> known =
                Profiles.list(profileFile).stream().map(ProfileSummary::name).toList();
        return new AwsProblem(
                AwsProblem.Kind.UNKNOWN_PROFILE,
                "no AWS profile '" + name + "' in ~/.aws/config or ~/.aws/credentials (known: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)) + "): run `aws configure sso --profile "
                        + name + "` or `aws configure --profile " + name + "`",
                null);
    }
}
