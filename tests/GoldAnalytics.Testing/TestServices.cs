namespace GoldAnalytics.Testing;

/// <summary>Where the real services started by <c>infra/dev test</c> listen; read from the environment it sets.</summary>
public static class TestServices
{
    /// <summary>Connection string to the test cluster's maintenance database (creates and drops test databases).</summary>
    public static string PostgresAdmin => Required("GA_TEST_PG");

    /// <summary>Blob service endpoint of the test Azurite, e.g. http://127.0.0.1:10100/devstoreaccount1.</summary>
    public static Uri BlobEndpoint => new(Required("GA_TEST_BLOB_ENDPOINT"));

    /// <summary>Account of the test Azurite: its well-known development account.</summary>
    public static string BlobAccount => PrivateAzurite.Account;

    /// <summary>Key of the test Azurite: its public development key.</summary>
    public static string BlobKey => PrivateAzurite.Key;

    /// <summary>SMTP host and port of the test mail sink.</summary>
    public static (string Host, int Port) Smtp => ("127.0.0.1", int.Parse(Required("GA_TEST_SMTP_PORT"), System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>HTTP API of the test mail sink, where delivered mail is read back.</summary>
    public static Uri MailApi => new(Required("GA_TEST_MAIL_API"));

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Environment variable {name} is not set. Integration tests run against the services that 'infra/dev test' starts; run the tests through it.");
}
