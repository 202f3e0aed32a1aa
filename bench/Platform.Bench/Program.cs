using Platform.Bench;
using Platform.Bench.ColdStart;
using Platform.Bench.EventStore;
using Platform.Bench.FirstSpam;
using Platform.Bench.Login;
using Platform.Bench.Recipients;
using Platform.Bench.Sync;

return args.FirstOrDefault() switch
{
    "eventstore" => await EventStoreBenchmark.RunAsync(BenchSettings.FromEnvironment()),
    // run: the directory-sync import and re-sync (SyncRun); until it is given, only the reads are measured.
    "sync" => await SyncBenchmark.RunAsync(args[1..], run: ServiceSync.RunAsync),
    "recipients" => await RecipientsBenchmark.RunAsync(BenchSettings.FromEnvironment()),
    "login" => await LoginBenchmark.RunAsync(BenchSettings.FromEnvironment()),
    "firstspam" => await FirstSpamBenchmark.RunAsync(args[1..], BenchSettings.FromEnvironment()),
    "coldstart" => await ColdStartBenchmark.RunAsync(BenchSettings.FromEnvironment()),
    // The runtime's own cold start, the coldstart benchmark's baseline.
    "noop" => 0,
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Platform.Bench eventstore | sync [users] | recipients | login | firstspam [n] | coldstart");
    return 2;
}
