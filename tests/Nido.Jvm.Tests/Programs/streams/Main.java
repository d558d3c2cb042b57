import java.util.*;
import java.util.function.Function;
import java.util.stream.*;

// Streams: creation (of, iterate, generate, range, arrays, strings), intermediate ops (map, filter, flatMap,
// distinct, sorted, limit, skip, peek, takeWhile, dropWhile), terminal ops (reduce, collect, count, min/max,
// anyMatch..., findFirst, toArray), collectors (groupingBy with downstream, partitioningBy, joining, toMap with
// merge, counting, summarizing, teeing), primitive streams and Optional. One parallel sum, whose result is
// deterministic.
public class Main {
    record City(String name, String country, int population) { }

    public static void main(String[] args) {
        System.out.println("of/map/filter: " + Stream.of(1, 2, 3, 4, 5, 6).filter(x -> x % 2 == 0).map(x -> x * x).collect(Collectors.toList()));
        System.out.println("reduce: " + Stream.of(1, 2, 3, 4).reduce(0, Integer::sum) + " " + Stream.of("a", "b", "c").reduce("", String::concat)
            + " " + Stream.of(5, 3, 9).reduce(Integer::max).get() + " " + Stream.<Integer>empty().reduce(Integer::sum).isPresent());
        System.out.println("IntStream.range sum: " + IntStream.range(0, 100).sum() + " rangeClosed " + IntStream.rangeClosed(1, 5).boxed().collect(Collectors.toList())
            + " average " + IntStream.of(1, 2, 3, 4).average().getAsDouble() + " max " + IntStream.of(3, 7, 2).max().getAsInt());
        System.out.println("iterate: " + Stream.iterate(1, x -> x * 2).limit(10).map(String::valueOf).collect(Collectors.joining(",")));
        System.out.println("iterate with predicate: " + IntStream.iterate(1, x -> x < 200, x -> x * 3).boxed().collect(Collectors.toList()));
        int[] seed = {0};
        System.out.println("generate: " + Stream.generate(() -> seed[0]++).limit(5).collect(Collectors.toList()));
        System.out.println("flatMap: " + Stream.of(List.of(1, 2), List.of(3), List.<Integer>of()).flatMap(List::stream).map(x -> x * 10).collect(Collectors.toList()));
        System.out.println("distinct/sorted: " + Stream.of(5, 3, 5, 1, 3, 9).distinct().sorted().collect(Collectors.toList())
            + " " + Stream.of("pear", "fig", "apple").sorted(Comparator.reverseOrder()).collect(Collectors.toList()));
        System.out.println("skip/limit: " + IntStream.range(0, 20).skip(5).limit(4).boxed().collect(Collectors.toList()));
        List<String> peeked = new ArrayList<>();
        long cnt = Stream.of("a", "b", "c").peek(peeked::add).map(String::toUpperCase).filter(s -> !s.equals("B")).count();
        System.out.println("peek sees all: " + peeked + " count " + cnt);
        System.out.println("takeWhile/dropWhile: " + Stream.of(1, 2, 3, 10, 4).takeWhile(x -> x < 5).collect(Collectors.toList())
            + " " + Stream.of(1, 2, 3, 10, 4).dropWhile(x -> x < 5).collect(Collectors.toList()));
        System.out.println("matches: " + Stream.of(2, 4, 6).allMatch(x -> x % 2 == 0) + " " + Stream.of(2, 4, 6).anyMatch(x -> x > 5)
            + " " + Stream.of(2, 4, 6).noneMatch(x -> x > 5) + " " + Stream.<Integer>empty().allMatch(x -> false));
        System.out.println("findFirst: " + Stream.of("x", "y").findFirst().get() + " min " + Stream.of("bb", "a", "ccc").min(Comparator.comparing(String::length)).get()
            + " max " + Stream.of("bb", "a", "ccc").max(Comparator.naturalOrder()).get());
        Object[] arr = Stream.of(1, 2).toArray();
        String[] sarr = Stream.of("p", "q").toArray(String[]::new);
        System.out.println("toArray: " + Arrays.toString(arr) + " " + sarr.getClass().getSimpleName() + Arrays.toString(sarr));
        System.out.println("toList (16+): " + Stream.of(3, 1, 2).sorted().toList());
        System.out.println("chars: " + "hello world".chars().filter(Character::isLetter).mapToObj(c -> String.valueOf((char) c)).distinct().sorted().collect(Collectors.joining()));
        System.out.println("Arrays.stream: " + Arrays.stream(new double[] {1.5, 2.5, 3.0}).sum() + " " + Arrays.stream(new String[] {"a", "b", "c"}, 1, 3).collect(Collectors.toList()));
        System.out.println("concat: " + Stream.concat(Stream.of(1), Stream.of(2, 3)).collect(Collectors.toList()));
        System.out.println("mapToObj: " + IntStream.range(0, 4).mapToObj(i -> "#" + i).collect(Collectors.joining(" ", "<", ">")));

        List<City> cities = List.of(new City("Paris", "FR", 2100), new City("Lyon", "FR", 520), new City("Berlin", "DE", 3600),
            new City("Hamburg", "DE", 1800), new City("Munich", "DE", 1500), new City("Rome", "IT", 2800), new City("Nice", "FR", 340));
        Map<String, List<String>> byCountry = cities.stream().collect(Collectors.groupingBy(City::country, TreeMap::new, Collectors.mapping(City::name, Collectors.toList())));
        System.out.println("groupingBy: " + byCountry);
        Map<String, Long> countBy = cities.stream().collect(Collectors.groupingBy(City::country, Collectors.counting()));
        System.out.println("groupingBy counting (HashMap): " + countBy);
        Map<String, Integer> popBy = cities.stream().collect(Collectors.groupingBy(City::country, TreeMap::new, Collectors.summingInt(City::population)));
        System.out.println("summingInt: " + popBy);
        Map<String, Double> avgBy = cities.stream().collect(Collectors.groupingBy(City::country, TreeMap::new, Collectors.averagingInt(City::population)));
        System.out.println("averagingInt: " + avgBy);
        Map<String, Optional<City>> biggest = cities.stream().collect(Collectors.groupingBy(City::country, TreeMap::new, Collectors.maxBy(Comparator.comparingInt(City::population))));
        System.out.println("maxBy: " + biggest.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().get().name()).collect(Collectors.joining(", ")));
        Map<Boolean, List<String>> parts = cities.stream().collect(Collectors.partitioningBy(c -> c.population() > 1600, Collectors.mapping(City::name, Collectors.toList())));
        System.out.println("partitioningBy: " + parts);
        Map<String, Integer> toMap = cities.stream().collect(Collectors.toMap(City::name, City::population));
        System.out.println("toMap (HashMap): " + toMap);
        Map<String, String> merged = cities.stream().collect(Collectors.toMap(City::country, City::name, (a, b) -> a + "+" + b, LinkedHashMap::new));
        System.out.println("toMap merge: " + merged);
        try {
            cities.stream().collect(Collectors.toMap(City::country, City::name));
        } catch (IllegalStateException e) {
            System.out.println("toMap duplicate: " + e.getMessage());
        }
        IntSummaryStatistics stats = cities.stream().mapToInt(City::population).summaryStatistics();
        System.out.println("summaryStatistics: " + stats);
        System.out.println("DoubleSummaryStatistics: " + DoubleStream.of(1.5, 2.5).summaryStatistics());
        System.out.println("teeing: " + cities.stream().collect(Collectors.teeing(Collectors.counting(), Collectors.summingInt(City::population), (n, s) -> s / n)));
        System.out.println("joining names sorted by population: " + cities.stream().sorted(Comparator.comparingInt(City::population).reversed())
            .map(City::name).collect(Collectors.joining(", ", "[", "]")));
        System.out.println("collectingAndThen: " + cities.stream().map(City::country).collect(Collectors.collectingAndThen(Collectors.toCollection(TreeSet::new), Collections::unmodifiableSet)));
        Map<Integer, List<String>> byLen = Stream.of("a", "bb", "cc", "ddd", "e").collect(Collectors.groupingBy(String::length));
        System.out.println("groupingBy length: " + byLen);
        Map<String, Long> freq = Arrays.stream("to be or not to be that is the question".split(" "))
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        System.out.println("word frequencies: " + new TreeMap<>(freq));

        Optional<String> present = Optional.of("value"), absent = Optional.empty();
        System.out.println("Optional: " + present + " " + absent + " " + present.map(String::length).orElse(-1) + " " + absent.map(String::length).orElse(-1)
            + " " + absent.orElseGet(() -> "computed") + " " + present.filter(s -> s.startsWith("x")).isPresent() + " " + absent.isEmpty()
            + " " + present.flatMap(s -> Optional.of(s + "!")).get() + " " + absent.or(() -> Optional.of("alt")).get());
        present.ifPresentOrElse(v -> System.out.println("ifPresent: " + v), () -> System.out.println("absent"));
        absent.ifPresentOrElse(v -> System.out.println("ifPresent: " + v), () -> System.out.println("ifPresentOrElse: empty branch"));
        try {
            absent.orElseThrow();
        } catch (NoSuchElementException e) {
            System.out.println("orElseThrow: " + e.getMessage());
        }
        System.out.println("Optional.ofNullable(null): " + Optional.ofNullable(null).isPresent() + " OptionalInt " + OptionalInt.of(3) + " " + OptionalDouble.empty());
        System.out.println("Optional stream: " + Stream.of(Optional.of(1), Optional.<Integer>empty(), Optional.of(3)).flatMap(Optional::stream).collect(Collectors.toList()));

        long parallel = LongStream.rangeClosed(1, 100_000).parallel().map(x -> x * x % 1000).sum();
        System.out.println("parallel sum: " + parallel + " ordered forEach: "
            + IntStream.range(0, 10).parallel().mapToObj(Integer::toString).collect(Collectors.joining("")));
        try {
            Stream<Integer> s = Stream.of(1, 2);
            s.count();
            s.count();
        } catch (IllegalStateException e) {
            System.out.println("reused stream: " + e.getMessage());
        }
        System.out.println("lazy: " + Stream.of(1, 2, 3, 4).map(x -> { if (x > 2) throw new AssertionError(); return x; }).findFirst().get());
    }
}
