using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.Serializers;

namespace CraftCX.Serialization;

/// <summary>
/// Orleans' codec for <see cref="ImmutableArray{T}"/> with its wire format (the same surrogate), minus the two
/// array copies it makes: one on every write, one on every read. Scores carry such arrays in every contribution an
/// aggregate holds, and the copies were 8% of the pipeline's managed CPU (measured, docs/benchmarking.md).
/// </summary>
[RegisterSerializer]
public sealed class ImmutableArrayCodec<T>(IValueSerializer<ImmutableArraySurrogate<T>> surrogateSerializer)
    : GeneralizedValueTypeSurrogateCodec<ImmutableArray<T>, ImmutableArraySurrogate<T>>(surrogateSerializer)
{
    // The array read is the deserializer's own: no one else holds it, so it can back the immutable array.
    public override ImmutableArray<T> ConvertFromSurrogate(ref ImmutableArraySurrogate<T> surrogate)
        => surrogate.Values is { } values ? ImmutableCollectionsMarshal.AsImmutableArray(values) : default;

    // Only read by the serializer, so the array behind the immutable one can be written as it is.
    public override void ConvertToSurrogate(ImmutableArray<T> value, ref ImmutableArraySurrogate<T> surrogate)
        => surrogate.Values = ImmutableCollectionsMarshal.AsArray(value);
}
