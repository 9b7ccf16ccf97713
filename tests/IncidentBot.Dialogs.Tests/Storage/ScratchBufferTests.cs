using System.Buffers;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Tests.Storage;

/// <summary>The thread's scratch buffer: used again when given back, never shared by two uses at once, not kept when grown large.</summary>
public sealed class ScratchBufferTests
{
    [Fact]
    public void A_buffer_given_back_is_the_next_one_rented_and_comes_empty()
    {
        var first = ScratchBuffer.Rent();
        first.Write("summary"u8);
        ScratchBuffer.Return(first);

        var second = ScratchBuffer.Rent();

        Assert.Same(first, second);
        Assert.Equal(0, second.WrittenCount);
        ScratchBuffer.Return(second);
    }

    [Fact]
    public void A_use_inside_another_gets_a_buffer_of_its_own()
    {
        var outer = ScratchBuffer.Rent();
        var inner = ScratchBuffer.Rent();

        Assert.NotSame(outer, inner);
        ScratchBuffer.Return(inner);
        ScratchBuffer.Return(outer);
    }

    [Fact]
    public void A_buffer_grown_past_the_limit_is_not_kept()
    {
        var large = ScratchBuffer.Rent();
        large.Write(new byte[ScratchBuffer.MaxKept + 1]);
        ScratchBuffer.Return(large);

        var next = ScratchBuffer.Rent();

        Assert.NotSame(large, next);
        ScratchBuffer.Return(next);
    }
}
