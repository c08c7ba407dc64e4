namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>Where a case stands; written as its custom status so operators (and the demo) see waiting cases.</summary>
public enum CaseStage
{
    /// <summary>A reviewer decides eligibility.</summary>
    InReview,

    /// <summary>The policy's budget cap is reached: waiting until staff raise it.</summary>
    WaitingForBudget,

    /// <summary>Waiting for the resident's intention confirmation.</summary>
    AwaitingConfirmation,

    /// <summary>Submitting the payment (or waiting to ask a bank that did not answer).</summary>
    Paying,

    /// <summary>The bank accepted the instruction; waiting for settlement.</summary>
    AwaitingSettlement,

    /// <summary>The payment failed or came back: waiting for a corrected account, then review.</summary>
    PaymentFailed,

    /// <summary>Settled; the resident is notified (returns are still watched for a while).</summary>
    Paid,
}
