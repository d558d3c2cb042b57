import java.util.*;

// Collections: ArrayList/LinkedList operations, HashMap/LinkedHashMap/TreeMap iteration order (HashMap order for
// String and Integer keys is a function of their hash codes, so it is deterministic), an access-ordered LRU,
// HashSet of Integers, ArrayDeque, PriorityQueue poll order, Collections utilities with comparators and a seeded
// shuffle, Iterator.remove and ListIterator, fail-fast ConcurrentModificationException, immutable collections.
public class Main {
    record Emp(String name, String dept, int salary) {
        @Override
        public String toString() { return name; }
    }

    public static void main(String[] args) {
        lists();
        maps();
        sets();
        queues();
        utilities();
        iterators();
    }

    static void lists() {
        List<String> al = new ArrayList<>(List.of("c", "a", "d"));
        al.add("b");
        al.add(0, "z");
        al.addAll(2, List.of("x", "y"));
        System.out.println("ArrayList: " + al + " size " + al.size() + " get(3) " + al.get(3) + " indexOf(d) " + al.indexOf("d"));
        al.set(1, "C");
        al.remove("x");
        al.remove(0);
        System.out.println("after set/remove: " + al + " contains y " + al.contains("y"));
        List<String> sub = al.subList(1, 3);
        sub.set(0, "SUB");
        System.out.println("subList view: " + sub + " backing " + al);
        al.removeIf(s -> s.length() > 1);
        al.replaceAll(String::toUpperCase);
        System.out.println("removeIf/replaceAll: " + al);
        Collections.sort(al);
        System.out.println("sorted: " + al + " toArray " + Arrays.toString(al.toArray(new String[0])));
        List<Integer> big = new ArrayList<>();
        for (int i = 0; i < 100; i++) big.add(i * 37 % 101);
        System.out.println("big: size " + big.size() + " max " + Collections.max(big) + " min " + Collections.min(big) + " sum " + big.stream().mapToInt(Integer::intValue).sum());

        LinkedList<Integer> ll = new LinkedList<>();
        for (int i = 1; i <= 5; i++) ll.add(i);
        ll.addFirst(0);
        ll.addLast(6);
        ll.removeFirstOccurrence(3);
        System.out.println("LinkedList: " + ll + " first " + ll.getFirst() + " last " + ll.getLast() + " peek " + ll.peek());
        ll.poll();
        ll.pollLast();
        ll.push(-1);
        System.out.println("after poll/push: " + ll + " pop " + ll.pop() + " -> " + ll);
        System.out.println("equals across list types: " + ll.equals(new ArrayList<>(ll)) + " hashCode " + ll.hashCode());
    }

    static void maps() {
        String[] words = "the quick brown fox jumps over the lazy dog and the quick cat naps under a brown log".split(" ");
        Map<String, Integer> hm = new HashMap<>();
        for (String w : words) hm.merge(w, 1, Integer::sum);
        System.out.println("HashMap: " + hm);
        System.out.println("HashMap keys: " + hm.keySet());
        Map<String, Integer> lhm = new LinkedHashMap<>();
        for (String w : words) lhm.merge(w, 1, Integer::sum);
        System.out.println("LinkedHashMap: " + lhm);
        TreeMap<String, Integer> tm = new TreeMap<>(hm);
        System.out.println("TreeMap: " + tm);
        System.out.println("navigation: first " + tm.firstKey() + " last " + tm.lastKey() + " floor(m) " + tm.floorKey("m") + " ceiling(m) "
            + tm.ceilingKey("m") + " higher(the) " + tm.higherKey("the") + " lower(a) " + tm.lowerKey("a"));
        System.out.println("headMap(dog) " + tm.headMap("dog") + " tailMap(quick) " + tm.tailMap("quick") + " subMap(c,f) " + tm.subMap("c", "f"));
        System.out.println("descending keys: " + tm.descendingKeySet());
        System.out.println("pollFirst " + tm.pollFirstEntry() + " pollLast " + tm.pollLastEntry() + " size " + tm.size());
        TreeMap<String, Integer> byLength = new TreeMap<>(Comparator.comparing(String::length).thenComparing(Comparator.reverseOrder()));
        byLength.putAll(hm);
        System.out.println("TreeMap by length then reverse: " + byLength.keySet());

        Map<Integer, String> ints = new HashMap<>();
        for (int i : new int[] {100, -5, 17, 65536, 3, 1 << 20, 42, -1000, 7, 16}) ints.put(i, "v" + i);
        System.out.println("HashMap<Integer>: " + ints.keySet());
        Map<String, List<Integer>> multi = new TreeMap<>();
        for (int i = 0; i < 10; i++) multi.computeIfAbsent(i % 3 == 0 ? "three" : i % 2 == 0 ? "even" : "odd", k -> new ArrayList<>()).add(i);
        System.out.println("computeIfAbsent: " + multi);
        Map<String, Integer> m = new HashMap<>(Map.of("a", 1));
        System.out.println("getOrDefault " + m.getOrDefault("b", -1) + " putIfAbsent " + m.putIfAbsent("a", 5) + " " + m.putIfAbsent("b", 2)
            + " compute " + m.compute("a", (k, v) -> v * 10) + " computeIfPresent " + m.computeIfPresent("zz", (k, v) -> 0)
            + " remove(a,1) " + m.remove("a", 1) + " replace " + m.replace("b", 20) + " -> " + new TreeMap<>(m));
        Map<String, Integer> lru = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) { return size() > 3; }
        };
        lru.put("a", 1);
        lru.put("b", 2);
        lru.put("c", 3);
        lru.get("a");
        lru.put("d", 4);
        System.out.println("LRU: " + lru);
        Map<String, Integer> big = new HashMap<>();
        for (int i = 0; i < 1000; i++) big.put("key" + i, i);
        long checksum = 0;
        int pos = 0;
        for (Map.Entry<String, Integer> e : big.entrySet()) checksum += (long) e.getValue() * (++pos);
        System.out.println("HashMap of 1000: size " + big.size() + " iteration checksum " + checksum + " get(key500) " + big.get("key500"));
        System.out.println("map equals/hashCode: " + hm.equals(new TreeMap<>(hm)) + " " + (hm.hashCode() == new TreeMap<>(hm).hashCode()) + " " + hm.hashCode());
    }

    static void sets() {
        Set<Integer> hs = new HashSet<>();
        for (int i : new int[] {42, -1, 1000000, 7, 16, 33, 7, 0, 255, 256, -256}) hs.add(i);
        System.out.println("HashSet<Integer>: " + hs + " size " + hs.size());
        Set<String> ss = new HashSet<>(List.of("banana", "apple", "cherry", "date", "elderberry", "fig", "grape"));
        System.out.println("HashSet<String>: " + ss);
        Set<String> lhs = new LinkedHashSet<>(List.of("banana", "apple", "cherry"));
        lhs.add("apple");
        System.out.println("LinkedHashSet: " + lhs);
        TreeSet<String> ts = new TreeSet<>(Comparator.reverseOrder());
        ts.addAll(ss);
        System.out.println("TreeSet reversed: " + ts + " first " + ts.first() + " headSet(cherry) " + ts.headSet("cherry"));
        Set<Integer> a = new TreeSet<>(List.of(1, 2, 3, 4)), b = new TreeSet<>(List.of(3, 4, 5));
        Set<Integer> union = new TreeSet<>(a), inter = new TreeSet<>(a), diff = new TreeSet<>(a);
        union.addAll(b);
        inter.retainAll(b);
        diff.removeAll(b);
        System.out.println("union " + union + " intersection " + inter + " difference " + diff);
        BitSet bits = new BitSet();
        bits.set(1);
        bits.set(5, 9);
        bits.clear(6);
        System.out.println("BitSet: " + bits + " cardinality " + bits.cardinality() + " nextClear(5) " + bits.nextClearBit(5));
    }

    static void queues() {
        ArrayDeque<String> dq = new ArrayDeque<>();
        dq.push("a");
        dq.push("b");
        dq.offerLast("z");
        dq.offerFirst("first");
        System.out.println("ArrayDeque: " + dq + " peekFirst " + dq.peekFirst() + " peekLast " + dq.peekLast());
        System.out.println("pop " + dq.pop() + " pollLast " + dq.pollLast() + " -> " + dq);
        Iterator<String> desc = dq.descendingIterator();
        StringBuilder sb = new StringBuilder();
        while (desc.hasNext()) sb.append(desc.next());
        System.out.println("descending: " + sb);
        PriorityQueue<Integer> pq = new PriorityQueue<>();
        for (int i : new int[] {5, 1, 8, 3, 9, 2, 7}) pq.offer(i);
        System.out.println("PriorityQueue peek " + pq.peek() + " toString " + pq);
        StringBuilder order = new StringBuilder();
        while (!pq.isEmpty()) order.append(pq.poll()).append(' ');
        System.out.println("poll order: " + order.toString().trim());
        PriorityQueue<String> byLen = new PriorityQueue<>(Comparator.comparing(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        byLen.addAll(List.of("kiwi", "fig", "banana", "apple", "plum", "date"));
        StringBuilder o2 = new StringBuilder();
        while (!byLen.isEmpty()) o2.append(byLen.poll()).append(' ');
        System.out.println("comparator poll order: " + o2.toString().trim());
    }

    static void utilities() {
        List<Emp> emps = new ArrayList<>(List.of(new Emp("ann", "eng", 120), new Emp("bob", "ops", 90), new Emp("cy", "eng", 100),
            new Emp("dee", "ops", 90), new Emp("eve", "hr", 80), new Emp("fay", "eng", 120)));
        emps.sort(Comparator.comparing(Emp::dept).thenComparing(Emp::salary, Comparator.reverseOrder()).thenComparing(Emp::name));
        System.out.println("by dept, salary desc, name: " + emps);
        Collections.sort(emps, Comparator.comparingInt(Emp::salary));
        System.out.println("stable by salary: " + emps);
        emps.sort(Comparator.comparing(Emp::name).reversed());
        System.out.println("reversed by name: " + emps);
        List<Integer> nums = new ArrayList<>();
        for (int i = 0; i < 10; i++) nums.add(i);
        Collections.shuffle(nums, new Random(42));
        System.out.println("shuffle(Random(42)): " + nums);
        Collections.reverse(nums);
        System.out.println("reverse: " + nums);
        Collections.rotate(nums, 3);
        System.out.println("rotate 3: " + nums);
        Collections.swap(nums, 0, 9);
        System.out.println("swap: " + nums + " frequency(3) " + Collections.frequency(nums, 3));
        System.out.println("nCopies " + Collections.nCopies(3, "ab") + " binarySearch " + Collections.binarySearch(List.of(1, 3, 5, 7), 5)
            + " disjoint " + Collections.disjoint(List.of(1, 2), List.of(3)));
        List<String> unmod = Collections.unmodifiableList(new ArrayList<>(List.of("x")));
        try {
            unmod.add("y");
        } catch (UnsupportedOperationException e) {
            System.out.println("unmodifiableList.add: " + e.getClass().getSimpleName());
        }
        try {
            List.of(1, 2).set(0, 5);
        } catch (UnsupportedOperationException e) {
            System.out.println("List.of set: " + e.getClass().getSimpleName());
        }
        try {
            List.of("a", null);
        } catch (NullPointerException e) {
            System.out.println("List.of null: " + e.getClass().getSimpleName());
        }
        System.out.println("List.copyOf equals: " + List.copyOf(nums).equals(nums) + " emptyList " + Collections.emptyList() + " singleton " + Collections.singletonList(1));
        System.out.println("Map.of get: " + Map.of("one", 1, "two", 2).get("two") + " Set.of contains: " + Set.of(1, 2, 3).contains(2));
        Random r = new Random(12345);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) sb.append(r.nextInt(100)).append(' ');
        sb.append(r.nextLong()).append(' ').append(r.nextDouble()).append(' ').append(r.nextBoolean()).append(' ').append(r.nextGaussian());
        System.out.println("Random(12345): " + sb);
    }

    static void iterators() {
        List<Integer> list = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6, 7, 8));
        for (Iterator<Integer> it = list.iterator(); it.hasNext(); ) if (it.next() % 2 == 0) it.remove();
        System.out.println("Iterator.remove evens: " + list);
        ListIterator<Integer> li = list.listIterator();
        while (li.hasNext()) {
            int v = li.next();
            if (v == 3) li.add(33);
            if (v == 5) li.set(55);
        }
        System.out.println("ListIterator add/set: " + list);
        StringBuilder back = new StringBuilder();
        while (li.hasPrevious()) back.append(li.previous()).append(',');
        System.out.println("backwards: " + back);
        try {
            for (Integer i : list) if (i == 33) list.remove(i);
        } catch (ConcurrentModificationException e) {
            System.out.println("for-each remove: " + e.getClass().getSimpleName());
        }
        Map<String, Integer> m = new HashMap<>(Map.of("a", 1, "b", 2, "c", 3));
        try {
            for (String k : m.keySet()) m.put(k + k, 0);
        } catch (ConcurrentModificationException e) {
            System.out.println("map put while iterating: " + e.getClass().getSimpleName());
        }
        Map<String, Integer> m2 = new TreeMap<>(Map.of("a", 1, "b", 2, "c", 3));
        m2.entrySet().removeIf(e -> e.getValue() == 2);
        m2.values().remove(3);
        System.out.println("entrySet().removeIf / values().remove: " + m2);
        Iterator<Integer> empty = Collections.emptyIterator();
        try {
            empty.next();
        } catch (NoSuchElementException e) {
            System.out.println("empty iterator next: " + e.getClass().getSimpleName());
        }
    }
}
