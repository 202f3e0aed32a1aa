using Platform.Bench;
using Platform.Bench.EventStore;

return args.FirstOrDefault() switch
{
    "eventstore" => await EventStoreBenchmark.RunAsync(BenchSettings.FromEnvironment()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Platform.Bench eventstore");
    return 2;
}
