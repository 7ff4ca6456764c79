namespace DigitalTwin.Persona.Pdf.Parsing;

/// <summary>Finds a cycle in the /Kids graph of a page tree (iteratively, so deep trees cannot overflow the stack).</summary>
internal static class PageTreeCycle
{
    public static bool Find(Dictionary<int, List<int>> kids)
    {
        var state = new Dictionary<int, byte>();
        foreach (int root in kids.Keys)
        {
            if (state.ContainsKey(root))
            {
                continue;
            }

            var stack = new Stack<(int Node, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                (int node, int next) = stack.Pop();
                List<int> children = kids.TryGetValue(node, out List<int>? list) ? list : [];
                if (next >= children.Count)
                {
                    state[node] = 2;
                    continue;
                }

                stack.Push((node, next + 1));
                int child = children[next];
                byte childState = state.GetValueOrDefault(child);
                if (childState == 1)
                {
                    return true;
                }

                if (childState == 0)
                {
                    state[child] = 1;
                    stack.Push((child, 0));
                }
            }
        }

        return false;
    }
}
