using ServerlessGov.Storage.Azure.Http;

namespace ServerlessGov.Storage.Tests.Azure;

/// <summary>Azure's error codes and statuses become the port's error kinds, whichever spelling the service uses.</summary>
public sealed class StorageErrorsTests
{
    [Theory]
    [InlineData(404, "ResourceNotFound", StorageErrorKind.NotFound)]
    [InlineData(404, "EntityNotFound", StorageErrorKind.NotFound)]
    [InlineData(404, "TableNotFound", StorageErrorKind.NotFound)]
    [InlineData(400, "PopReceiptMismatch", StorageErrorKind.NotFound)]
    [InlineData(409, "EntityAlreadyExists", StorageErrorKind.AlreadyExists)]
    [InlineData(409, "TableAlreadyExists", StorageErrorKind.AlreadyExists)]
    [InlineData(409, "TableBeingDeleted", StorageErrorKind.Other)]
    [InlineData(412, "UpdateConditionNotSatisfied", StorageErrorKind.PreconditionFailed)]
    [InlineData(413, "RequestBodyTooLarge", StorageErrorKind.TooLarge)]
    [InlineData(400, "PropertyValueTooLarge", StorageErrorKind.TooLarge)]
    [InlineData(400, "EntityTooLarge", StorageErrorKind.TooLarge)]
    [InlineData(503, "ServerBusy", StorageErrorKind.Throttled)]
    [InlineData(429, "Http429", StorageErrorKind.Throttled)]
    [InlineData(400, "InvalidInput", StorageErrorKind.InvalidInput)]
    [InlineData(500, "InternalError", StorageErrorKind.Other)]
    public void Classify_ServiceErrorCode_GivesThePortsKind(int status, string code, StorageErrorKind expected) =>
        Assert.Equal(expected, StorageErrors.Classify(status, code));

    [Fact]
    public void ReadBody_TableJsonAndQueueXml_BothYieldCodeAndMessage()
    {
        var table = StorageErrors.ReadBody(BinaryData.FromString("""{"odata.error":{"code":"EntityAlreadyExists","message":{"lang":"en-US","value":"0:The specified entity already exists."}}}"""));
        var queue = StorageErrors.ReadBody(BinaryData.FromString("""<?xml version="1.0" encoding="utf-8"?><Error><Code>QueueNotFound</Code><Message>The specified queue does not exist.</Message></Error>"""));

        Assert.Equal(("EntityAlreadyExists", "0:The specified entity already exists."), table);
        Assert.Equal(("QueueNotFound", "The specified queue does not exist."), queue);
    }
}
